package org.folio.contacttracing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the three parties of a run, from {@code /proc/<pid>/stat} (user plus system, in clock ticks of
 * 10 ms): the module's JVM, the harness's own JVM, and PostgreSQL (the postmaster and every process it forked,
 * so every backend). Divided by the operations of a run it says who pays for an operation, which a throughput
 * figure on two shared cores cannot: a slower writer that also costs PostgreSQL less is a different finding from
 * one that only waits. PostgreSQL is counted only when it is the embedded one (its postmaster's pid is known).
 */
final class CpuMeter {
  private static final double MS_PER_TICK = 10;
  private final long module;
  private final long harness = ProcessHandle.current().pid();
  private final Optional<Long> postmaster;

  CpuMeter(long modulePid, Optional<Long> postmasterPid) {
    this.module = modulePid;
    this.postmaster = postmasterPid;
  }

  /** CPU milliseconds used so far by each party; PostgreSQL's is -1 when it is not measured. */
  record Sample(double moduleMs, double harnessMs, double postgresMs) {
    Sample minus(Sample earlier) {
      return new Sample(moduleMs - earlier.moduleMs, harnessMs - earlier.harnessMs,
          postgresMs < 0 ? -1 : postgresMs - earlier.postgresMs);
    }
  }

  Sample sample() {
    return new Sample(ticks(module) * MS_PER_TICK, ticks(harness) * MS_PER_TICK,
        postmaster.map(pid -> postgresTicks(pid) * MS_PER_TICK).orElse(-1.0));
  }

  /** The postmaster and its children; a backend that ended within the run takes its time with it. */
  private static double postgresTicks(long postmasterPid) {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      List<Long> pids = processes.map(path -> path.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong).toList();
      double sum = 0;
      for (long pid : pids) {
        String[] stat = stat(pid);
        if (stat != null && (pid == postmasterPid || Long.parseLong(stat[1]) == postmasterPid)) {
          sum += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        }
      }
      return sum;
    } catch (IOException e) {
      return 0;
    }
  }

  private static double ticks(long pid) {
    String[] stat = stat(pid);
    return stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
  }

  /**
   * The fields of {@code /proc/<pid>/stat} after the command name (which may hold spaces): index 0 is the state,
   * 1 the parent, 11 utime and 12 stime; null when the process is gone.
   */
  private static String[] stat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
