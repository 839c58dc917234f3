package org.folio.contacttracing.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a number of operations with exactly {@code concurrency} of them in flight: each of {@code concurrency}
 * workers starts its next operation when its last one ends. An operation answers true when it did what was
 * expected; anything else, a failure included, counts as an error. A run that goes wrong (more than 1% errors,
 * or longer than {@value #MAX_SECONDS} s) stops early, so that a broken system does not stall the harness.
 */
final class ClosedLoop {
  private static final int MAX_SECONDS = 120;
  private final Vertx vertx;

  ClosedLoop(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * @param completed operations that ended, errors included
   * @param opsPerSecond successful operations per second
   */
  record Run(int completed, double seconds, double opsPerSecond, LatencyRecorder.Percentiles latency, int errors,
      String firstError, boolean stoppedEarly) {
  }

  Run run(int concurrency, int operations, Supplier<Future<Boolean>> operation) {
    LatencyRecorder latencies = new LatencyRecorder(operations);
    int maxErrors = Math.max(10, operations / 100);
    long deadline = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger idleWorkers = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    Promise<Void> done = Promise.promise();
    Runnable[] worker = new Runnable[1];
    worker[0] = () -> {
      boolean stop = errors.get() > maxErrors || System.nanoTime() > deadline;
      if (stop || issued.getAndIncrement() >= operations) {
        if (idleWorkers.incrementAndGet() == concurrency) {
          done.complete();
        }
        return;
      }
      long started = System.nanoTime();
      Future<Boolean> result;
      try {
        result = operation.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      boolean alreadyDone = result.isComplete();
      result.onComplete(outcome -> {
        latencies.record(System.nanoTime() - started);
        if (outcome.failed() || !outcome.result()) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, outcome.failed() ? String.valueOf(outcome.cause().getMessage())
              : "unexpected answer");
        }
        if (alreadyDone) {
          // an operation that failed at once must not recurse on this stack
          vertx.runOnContext(next -> worker[0].run());
        } else {
          worker[0].run();
        }
      });
    };
    long started = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      worker[0].run();
    }
    ModuleClient.await(done.future());
    double seconds = (System.nanoTime() - started) / 1e9;
    int completed = latencies.count();
    return new Run(completed, seconds, (completed - errors.get()) / seconds, latencies.percentiles(), errors.get(),
        firstError.get(), completed < operations);
  }
}
