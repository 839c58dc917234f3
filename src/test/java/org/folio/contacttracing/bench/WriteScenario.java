package org.folio.contacttracing.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Write path: {@code POST /contact-tracing/contact-logs} against the baseline of one direct sealed insert, at
 * several concurrencies, interleaved (baseline, audited baseline, module, three rounds, each writer in each place of
 * the order once) so all see the same noise.
 * The audited baseline also writes the per-entry audit event that versions before V7 wrote, for reference; the
 * targets are measured against the strict baseline.
 */
final class WriteScenario {
  static final String MODULE_TENANT = "bench_write";
  static final String BASE_TENANT = "bench_base";
  private static final List<Integer> CONCURRENCIES = List.of(1, 16, 64);
  private static final int ROUNDS = 3;

  private final Vertx vertx;
  private final ModuleProcess module;
  private final Pool harnessPool;
  private final HarnessKeys keys;
  private final BenchParameters parameters;
  private final Results results;
  private final AtomicLong visitors = new AtomicLong();
  private final CpuMeter cpu;

  WriteScenario(Vertx vertx, ModuleProcess module, Pool harnessPool, HarnessKeys keys, BenchParameters parameters,
      Results results, CpuMeter cpu) {
    this.cpu = cpu;
    this.vertx = vertx;
    this.module = module;
    this.harnessPool = harnessPool;
    this.keys = keys;
    this.parameters = parameters;
    this.results = results;
  }

  void run() {
    results.section("write path (module POST /contact-logs vs direct sealed INSERT)");
    LocalDate today = LocalDate.now(ContactRows.ZONE);
    BaselineWriter baseline;
    try (ModuleClient setup = new ModuleClient(vertx, module.port(), 1)) {
      setup.install(MODULE_TENANT);
      setup.install(BASE_TENANT);
      setup.createMandate(MODULE_TENANT, today.minusDays(200), Loader.RETENTION_DAYS);
      UUID baseMandate = setup.createMandate(BASE_TENANT, today.minusDays(200), Loader.RETENTION_DAYS);
      TenantId base = new TenantId(BASE_TENANT);
      Map<LocalDate, SecretKey> dayKeys = new HashMap<>();
      for (LocalDate day : List.of(today, today.plusDays(1))) {
        dayKeys.put(day, ModuleClient.await(keys.createDataKey(harnessPool, base, baseMandate, day)));
      }
      baseline = new BaselineWriter(harnessPool, base, baseMandate, dayKeys);
    }
    ClosedLoop loop = new ClosedLoop(vertx);
    int errors = 0;
    try (ModuleClient warm = new ModuleClient(vertx, module.port(), 16)) {
      errors += check("warm-up module", loop.run(16, parameters.warmup(), () -> moduleWrite(warm)));
      errors += check("warm-up baseline", loop.run(16, parameters.warmup(), baseline::write));
      errors += check("warm-up audited", loop.run(16, parameters.warmup(), baseline::writeAudited));
    }
    StatementProfile statements = StatementProfile.open(harnessPool);
    for (int concurrency : CONCURRENCIES) {
      double[] base = new double[6];
      double[] audited = new double[6];
      double[] mod = new double[6];
      try (ModuleClient client = new ModuleClient(vertx, module.port(), concurrency)) {
        List<Supplier<Integer>> writers = List.of(
            () -> measure("baseline c=" + concurrency, base, () -> loop.run(concurrency, parameters.writes(),
                baseline::write)),
            () -> measure("audited base c=" + concurrency, audited, () -> loop.run(concurrency,
                parameters.writes(), baseline::writeAudited)),
            () -> measure("module c=" + concurrency, mod, () -> loop.run(concurrency, parameters.writes(),
                () -> moduleWrite(client))));
        for (int round = 0; round < ROUNDS; round++) {
          // each writer takes each place in the order once: PostgreSQL's background work after a burst of
          // inserts (autovacuum, checkpoints) then falls on every writer alike
          for (int i = 0; i < writers.size(); i++) {
            errors += writers.get((round + i) % writers.size()).get();
          }
        }
      }
      String c = "c" + concurrency;
      double bt = results.add(c + ".baseline.opsPerSecond", "baseline throughput, concurrency " + concurrency,
          base[0] / ROUNDS, "ops/s");
      double bp50 = results.add(c + ".baseline.p50", "baseline p50, concurrency " + concurrency, base[1] / ROUNDS, "ms");
      double bp99 = results.add(c + ".baseline.p99", "baseline p99, concurrency " + concurrency, base[2] / ROUNDS, "ms");
      double mt = results.add(c + ".module.opsPerSecond", "module throughput, concurrency " + concurrency,
          mod[0] / ROUNDS, "ops/s");
      double mp50 = results.add(c + ".module.p50", "module p50, concurrency " + concurrency, mod[1] / ROUNDS, "ms");
      double mp99 = results.add(c + ".module.p99", "module p99, concurrency " + concurrency, mod[2] / ROUNDS, "ms");
      double at = results.add(c + ".auditedBaseline.opsPerSecond",
          "audited baseline (entry + audit event, one statement) throughput, concurrency " + concurrency,
          audited[0] / ROUNDS, "ops/s");
      results.add(c + ".auditedBaseline.p99", "audited baseline p99, concurrency " + concurrency,
          audited[2] / ROUNDS, "ms");
      results.add(c + ".ratio.throughput", "module/baseline throughput, concurrency " + concurrency, mt / bt, "x");
      results.add(c + ".ratio.throughputAudited", "module/audited baseline throughput, concurrency " + concurrency,
          mt / at, "x");
      results.add(c + ".ratio.p50", "module/baseline p50, concurrency " + concurrency, mp50 / bp50, "x");
      results.add(c + ".ratio.p99", "module/baseline p99, concurrency " + concurrency, mp99 / bp99, "x");
      cpuPerVisit(c + ".baseline", "baseline", concurrency, base);
      cpuPerVisit(c + ".auditedBaseline", "audited baseline", concurrency, audited);
      cpuPerVisit(c + ".module", "module", concurrency, mod);
      if (concurrency == 16) {
        results.verdict("write throughput c=16 >= 0.5 x baseline", String.format("%.2f x", mt / bt), mt >= 0.5 * bt);
        results.verdict("write p99 c=16 <= 4 x baseline p99", String.format("%.2f x", mp99 / bp99), mp99 <= 4 * bp99);
      }
    }
    long visits = (long) CONCURRENCIES.size() * ROUNDS * parameters.writes();
    statements.report(results, new TenantId(MODULE_TENANT).schema(), "module", visits);
    statements.report(results, new TenantId(BASE_TENANT).schema(), "baselines", 2 * visits);
    results.add("errors", "write errors (non-201 or failure), warm-up included", errors, "");
  }

  /**
   * One run, its figures added to {@code sums}: throughput, p50, p99, then the CPU microseconds per operation of
   * the module, PostgreSQL and the harness.
   */
  private int measure(String what, double[] sums, Supplier<ClosedLoop.Run> runner) {
    CpuMeter.Sample before = cpu.sample();
    ClosedLoop.Run run = runner.get();
    CpuMeter.Sample used = cpu.sample().minus(before);
    double perOp = 1000.0 / Math.max(1, run.completed());
    sums[0] += run.opsPerSecond();
    sums[1] += run.latency().p50Ms();
    sums[2] += run.latency().p99Ms();
    sums[3] += used.moduleMs() * perOp;
    sums[4] += used.postgresMs() * perOp;
    sums[5] += used.harnessMs() * perOp;
    return check(what, run, String.format("  CPU/op module %4.0f µs, PostgreSQL %4.0f µs, harness %4.0f µs",
        used.moduleMs() * perOp, used.postgresMs() * perOp, used.harnessMs() * perOp));
  }

  private void cpuPerVisit(String key, String writer, int concurrency, double[] sums) {
    String label = writer + " CPU per visit, concurrency " + concurrency + ", ";
    results.add(key + ".cpu.module", label + "module JVM", sums[3] / ROUNDS, "µs");
    if (sums[4] >= 0) {
      results.add(key + ".cpu.postgres", label + "PostgreSQL", sums[4] / ROUNDS, "µs");
    }
    results.add(key + ".cpu.harness", label + "harness JVM", sums[5] / ROUNDS, "µs");
  }

  private int check(String what, ClosedLoop.Run run) {
    return check(what, run, "");
  }

  private int check(String what, ClosedLoop.Run run, String cpuUsed) {
    String summary = String.format("%-22s %8.0f ops/s  p50 %7.2f ms  p99 %8.2f ms  %d ops, %d errors%s%s%s", what,
        run.opsPerSecond(), run.latency().p50Ms(), run.latency().p99Ms(), run.completed(), run.errors(), cpuUsed,
        run.stoppedEarly() ? ", STOPPED EARLY" : "", run.firstError() == null ? "" : " (first: " + run.firstError() + ")");
    System.out.println("  " + summary);
    if (run.errors() > 0 || run.stoppedEarly()) {
      results.note("write " + summary.replaceAll("\\s+", " "));
    }
    return run.errors();
  }

  private Future<Boolean> moduleWrite(ModuleClient client) {
    long n = visitors.incrementAndGet();
    String body = new JsonObject().put("location", "main-hall").put("name", "Visitor " + n)
        .put("phone", "+1 555 " + (1_000_000 + n)).put("email", "visitor" + n + "@example.org").encode();
    return client.send(HttpMethod.POST, "/contact-tracing/contact-logs", MODULE_TENANT,
            Optional.of(ModuleClient.STAFF_A), body)
        .compose(reply -> reply.status() == 201 ? Future.succeededFuture(true)
            : Future.failedFuture("answered " + reply.status() + ": " + reply.body()));
  }
}
