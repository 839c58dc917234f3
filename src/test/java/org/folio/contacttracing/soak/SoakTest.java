package org.folio.contacttracing.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.folio.contacttracing.support.Http;
import org.folio.contacttracing.support.Http.Reply;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak run, excluded from the default build: {@code mvn -B test -Psoak} (2 minutes), or
 * {@code -Dsoak.seconds=600 -Dsoak.rate=40} for longer or harder. The real module on the embedded
 * PostgreSQL, loopback only, at a steady rate of writes and reads, with an hourly purge compressed into every
 * ten seconds while the module's clock runs an hour per second, so that entries are written, read and
 * destroyed throughout. Prints requests, errors, latencies and heap after full GC at start and end, and fails
 * on any error or on heap growth beyond {@code soak.maxHeapGrowthMiB} (default 32).
 */
class SoakTest {
  private static final String TENANT = "soak";
  private static final UUID STAFF = UUID.randomUUID();
  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  private static final int MAX_IN_FLIGHT = 64;

  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong destroyed = new AtomicLong();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  @Test
  void steadyLoadLeavesNoErrorsAndNoHeapGrowth() throws Exception {
    long seconds = Long.getLong("soak.seconds", 120);
    int rate = Integer.getInteger("soak.rate", 20);
    long maxGrowthMiB = Long.getLong("soak.maxHeapGrowthMiB", 32);
    try (ModuleUnderTest module = ModuleUnderTest.start(START)) {
      module.install(TENANT);
      module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 1).encode())
          .post("/contact-tracing/mandates").then().statusCode(201);
      Http http = new Http(module.port(), TENANT, STAFF, Duration.ofSeconds(30));

      // warm-up, so that class loading and the pool's first connections are not counted as growth
      run(module, http, Duration.ofSeconds(10), rate);
      resetCounters();
      long heapStart = heapAfterFullGc();
      long started = System.nanoTime();
      run(module, http, Duration.ofSeconds(seconds), rate);
      long elapsedMs = (System.nanoTime() - started) / 1_000_000L;
      long heapEnd = heapAfterFullGc();
      long stored = ModuleUnderTest.count("SELECT count(*) FROM " + TENANT + "_mod_contact_tracing.contact_log");

      List<Long> sorted;
      synchronized (latencies) {
        sorted = new ArrayList<>(latencies);
      }
      Collections.sort(sorted);
      long total = sent.values().stream().mapToLong(AtomicLong::get).sum();
      String report = String.format(
          "SOAK %d s on %d cores, target %d writes/s + %d reads/s%n"
              + "  requests sent: %d %s%n  statuses: %s%n  errors: %d%n"
              + "  latency ms: p50 %d, p99 %d, max %d%n"
              + "  entries destroyed by purge: %d, entries stored at end: %d%n"
              + "  heap after full GC: start %.1f MiB, end %.1f MiB, growth %.1f MiB (limit %d MiB)%n",
          elapsedMs / 1000, Runtime.getRuntime().availableProcessors(), rate, rate,
          total, new TreeMap<>(sent), new TreeMap<>(statuses), errors.get(),
          percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
          destroyed.get(), stored,
          heapStart / 1048576.0, heapEnd / 1048576.0, (heapEnd - heapStart) / 1048576.0, maxGrowthMiB);
      System.out.print(report);
      Files.writeString(Path.of("target", "soak-report.txt"), report);

      module.purge(TENANT);
      assertThat(errors.get()).as("errors").isZero();
      assertThat(total).as("requests").isGreaterThan(seconds * rate);
      if (seconds >= 60) {
        // an hour per second: entries written in the first day are due two days later
        assertThat(destroyed.get()).as("the purge destroyed entries during the run").isPositive();
      }
      assertThat(heapEnd - heapStart).as("heap growth in bytes").isLessThan(maxGrowthMiB << 20);
    }
  }

  private void resetCounters() {
    sent.clear();
    statuses.clear();
    latencies.clear();
    errors.set(0);
    destroyed.set(0);
  }

  /** Sends at a fixed rate for the duration, then waits for what is in flight. */
  private void run(ModuleUnderTest module, Http http, Duration duration, int rate) throws Exception {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long periodMicros = 1_000_000L / rate;
    AtomicLong tick = new AtomicLong();
    long begin = System.nanoTime();
    Instant clockAtBegin = module.clock().instant();
    ticker.scheduleAtFixedRate(() -> {
      long n = tick.incrementAndGet();
      // the module's clock runs an hour per second, so retention comes round within the run
      long elapsedMs = (System.nanoTime() - begin) / 1_000_000L;
      module.clock().set(clockAtBegin.plusMillis(elapsedMs * 3600));
      send(http, "write", "POST", "/contact-tracing/contact-logs",
          "{\"location\":\"desk\",\"name\":\"Soak Visitor " + n + "\",\"phone\":\"+1 555 " + n + "\"}", 201);
      String read = switch ((int) (n % 4)) {
        case 0 -> "/contact-tracing/contact-logs?location=desk&limit=10";
        case 1 -> "/contact-tracing/visit-counts?from=2026-03-01&to=2026-12-31";
        case 2 -> "/contact-tracing/notice?location=desk";
        default -> "/contact-tracing/audit-events?limit=20";
      };
      send(http, "read", "GET", read, null, 200);
      if (n % (rate * 10L) == 0) {
        send(http, "purge", "POST", "/contact-tracing/retention/purge", null, 200);
      }
    }, 0, periodMicros, TimeUnit.MICROSECONDS);
    Thread.sleep(duration.toMillis());
    ticker.shutdown();
    ticker.awaitTermination(10, TimeUnit.SECONDS);
    // wait for every request still in flight
    inFlight.acquire(MAX_IN_FLIGHT);
    inFlight.release(MAX_IN_FLIGHT);
  }

  private void send(Http http, String kind, String method, String path, String body, int expected) {
    sent.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    if (!inFlight.tryAcquire()) {
      // the module has fallen behind by more than MAX_IN_FLIGHT requests: that is a failure of the run
      errors.incrementAndGet();
      statuses.computeIfAbsent("backlog", k -> new AtomicLong()).incrementAndGet();
      return;
    }
    CompletableFuture<Reply> reply = http.send(method, path, body);
    reply.whenComplete((r, failure) -> {
      try {
        statuses.computeIfAbsent(String.valueOf(r.status()), k -> new AtomicLong()).incrementAndGet();
        latencies.add(r.millis());
        if (r.status() != expected) {
          errors.incrementAndGet();
        } else if ("purge".equals(kind)) {
          destroyed.addAndGet(new JsonObject(r.body()).getInteger("contactLogsDestroyed"));
        }
      } finally {
        inFlight.release();
      }
    });
  }

  private static long heapAfterFullGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }
}
