package org.folio.contacttracing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The module as a child process started from the fat jar, so that start-up time and memory are what a
 * deployment sees. Its output goes to {@code target/bench/module.log}, appended across starts.
 */
final class ModuleProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "mod-contact-tracing-fat.jar");
  static final Path LOG = Path.of("target", "bench", "module.log");
  private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";
  private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofMillis(200)).build();

  private final Process process;
  private final int port;
  private final long startToHealthyNanos;

  private ModuleProcess(Process process, int port, long startToHealthyNanos) {
    this.process = process;
    this.port = port;
    this.startToHealthyNanos = startToHealthyNanos;
  }

  /** The class-data sharing archive the flags name, if any. */
  static Optional<Path> archive(String jvmFlags) {
    return Arrays.stream(jvmFlags.trim().split("\\s+")).filter(flag -> flag.startsWith(ARCHIVE_FLAG))
        .map(flag -> Path.of(flag.substring(ARCHIVE_FLAG.length()))).findFirst();
  }

  /** The flags without the class-data sharing archive: the JVM loads every class itself. */
  static String withoutArchive(String jvmFlags) {
    return Arrays.stream(jvmFlags.trim().split("\\s+")).filter(flag -> !flag.startsWith(ARCHIVE_FLAG))
        .collect(Collectors.joining(" "));
  }

  /**
   * Creates the archive the flags name the way the Dockerfile does: one start with {@code ArchiveClassesAtExit}
   * until healthy, then a normal stop, at which the JVM writes the classes it loaded.
   */
  static void train(String jvmFlags, Map<String, String> env) throws IOException, InterruptedException {
    Path archive = archive(jvmFlags).orElseThrow();
    Files.deleteIfExists(archive);
    Files.createDirectories(archive.toAbsolutePath().getParent());
    start(withoutArchive(jvmFlags) + " -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit=" + archive, env)
        .close();
    if (!Files.exists(archive)) {
      throw new IllegalStateException("the training start wrote no archive " + archive);
    }
  }

  /** Starts the module and returns once {@code /admin/health} answers 200, polling every 5 ms. */
  static ModuleProcess start(String jvmFlags, Map<String, String> env) throws IOException, InterruptedException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run mvn -B -Pbench verify, which packages it first");
    }
    Files.createDirectories(LOG.getParent());
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmFlags.trim().split("\\s+")));
    command.addAll(List.of("-jar", JAR.toString(), "http.port=" + port));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
    builder.environment().putAll(env);
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/health"))
        .timeout(Duration.ofSeconds(2)).build();
    long started = System.nanoTime();
    Process process = builder.start();
    long deadline = started + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the module exited with " + process.exitValue() + "; see " + LOG);
      }
      try {
        if (HEALTH.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new ModuleProcess(process, port, System.nanoTime() - started);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the module was not healthy within 60 s; see " + LOG);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  double startToHealthyMs() {
    return startToHealthyNanos / 1e6;
  }

  /** Resident and peak resident memory of the module in MiB, from {@code /proc/<pid>/status}. */
  Memory memory() {
    try {
      long rss = 0;
      long hwm = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kib(line);
        }
      }
      return new Memory(rss / 1024.0, hwm / 1024.0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Memory(double rssMiB, double hwmMiB) {
  }

  private static long kib(String statusLine) {
    return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
  }

  /** SIGTERM, as a container stop sends, then wait for the shutdown hook to finish. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Lines of the module log that report an error or an OutOfMemoryError. */
  static List<String> errorLines() throws IOException {
    if (!Files.exists(LOG)) {
      return List.of();
    }
    return Files.readAllLines(LOG).stream()
        .filter(line -> line.contains(" ERROR ") || line.contains("\"ERROR\"") || line.contains("FATAL")
            || line.contains("OutOfMemoryError"))
        .toList();
  }
}
