package org.folio.contacttracing.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies of a fixed number of operations, in nanoseconds, kept in one array and sorted for percentiles. */
final class LatencyRecorder {
  private final long[] nanos;
  private final AtomicInteger count = new AtomicInteger();

  LatencyRecorder(int capacity) {
    this.nanos = new long[capacity];
  }

  void record(long elapsedNanos) {
    int slot = count.getAndIncrement();
    if (slot < nanos.length) {
      nanos[slot] = elapsedNanos;
    }
  }

  int count() {
    return Math.min(count.get(), nanos.length);
  }

  /** Percentiles in milliseconds, nearest rank. */
  Percentiles percentiles() {
    long[] sorted = Arrays.copyOf(nanos, count());
    Arrays.sort(sorted);
    return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  private static double rank(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  record Percentiles(double p50Ms, double p99Ms, double maxMs) {
  }
}
