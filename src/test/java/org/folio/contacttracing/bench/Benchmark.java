package org.folio.contacttracing.bench;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.platform.crypto.KeyEncryptionKeys;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The benchmark harness: {@code mvn -B -Pbench verify}. Starts PostgreSQL and the module's fat jar as a child
 * process, then measures start-up, memory, the write path against a direct-insert baseline, the exposure query
 * on a small and a large tenant, the retention purge and many tenants. Prints a table with a verdict per target
 * and writes {@code target/bench/results.json}. Exits non-zero only when the harness itself broke; a missed
 * target is a finding, not a failure.
 */
public final class Benchmark {
  private static final String SMALL = "bench_10k";
  private static final String LARGE = "bench_1m";
  private static final String PURGE_SMALL = "bench_100k";

  private Benchmark() {
  }

  public static void main(String[] args) {
    BenchParameters parameters = BenchParameters.fromSystemProperties();
    Results results = new Results();
    long started = System.nanoTime();
    int exit = 0;
    Vertx vertx = Vertx.vertx();
    BenchPostgres postgres = null;
    Pool pool = null;
    ModuleProcess module = null;
    try {
      Files.deleteIfExists(ModuleProcess.LOG);
      postgres = BenchPostgres.start();
      // the baseline's pool has the module's size; the harness's set-up steps share it
      pool = postgres.pool(vertx, parameters.poolSize());
      describeMachine(results, postgres, pool, parameters);
      System.out.print(results.header());

      HarnessKeys keys = new HarnessKeys();
      Map<String, String> env = new HashMap<>(postgres.moduleEnvironment());
      env.put(KeyEncryptionKeys.KEK, keys.kekBase64());
      env.put("DB_MAXPOOLSIZE", Integer.toString(parameters.poolSize()));
      module = startThreeTimes(parameters, env, results);

      Thread.sleep(2000);
      double rssStart = memory(results, module, "afterStart", "after start (+2 s)");
      new WriteScenario(vertx, module, pool, keys, parameters, results,
          new CpuMeter(module.pid(), postgres.postmasterPid())).run();
      double rssWrites = memory(results, module, "afterWrites", "after the write scenario");

      if (parameters.writeOnly()) {
        results.note("bench.scenarios=write: start-up, memory and the write path only");
      } else {
        readPurgeAndTenants(vertx, module, pool, keys, parameters, results);
      }
      double rssEnd = memory(results, module, "atEnd", "at the end");

      results.section("module memory (/proc/<pid>/status)");
      results.verdict("RSS after start <= 100 MiB", String.format("%.1f MiB", rssStart), rssStart <= 100);
      results.verdict("RSS after the write scenario <= 150 MiB", String.format("%.1f MiB", rssWrites),
          rssWrites <= 150);
      results.add("rss.end", "module RSS at the end", rssEnd, "MiB");
    } catch (Throwable e) {
      exit = 1;
      System.err.println("The benchmark harness broke: " + e);
      e.printStackTrace();
      results.note("HARNESS FAILURE: " + e);
    } finally {
      if (module != null) {
        module.close();
      }
      try {
        List<String> errors = ModuleProcess.errorLines();
        results.section("module log");
        results.add("log.errors", "ERROR/FATAL/OutOfMemoryError lines in " + ModuleProcess.LOG, errors.size(), "");
        results.verdict("module log has no ERROR or OutOfMemoryError line", errors.size() + " lines", errors.isEmpty());
        errors.stream().limit(10).forEach(line -> results.note("module log: " + line));
      } catch (IOException e) {
        results.note("could not read " + ModuleProcess.LOG + ": " + e);
      }
      if (pool != null) {
        ModuleClient.await(pool.close());
      }
      ModuleClient.await(vertx.close());
      if (postgres != null) {
        postgres.close();
      }
      results.machine().put("durationSeconds", Math.round((System.nanoTime() - started) / 1e9));
      System.out.print(results.table());
      try {
        results.write(parameters);
        System.out.println("Written to " + Results.JSON);
      } catch (IOException e) {
        System.err.println("Could not write " + Results.JSON + ": " + e);
        exit = 1;
      }
    }
    System.exit(exit);
  }

  /** The exposure query, the purge and many tenants, on bulk-loaded tenants. */
  private static void readPurgeAndTenants(Vertx vertx, ModuleProcess module, Pool pool, HarnessKeys keys,
      BenchParameters parameters, Results results) throws InterruptedException {
    try (ModuleClient client = new ModuleClient(vertx, module.port(), 1)) {
      loadTenants(client, pool, keys, parameters, results);
      new ExposureScenario(client, parameters, results)
          .run(SMALL, LARGE, new Loader(pool, keys, LocalDate.now(ContactRows.ZONE)).exposureDay());
      new PurgeScenario(client, pool, parameters, results).run(PURGE_SMALL, LARGE);
      try (ModuleClient touch = new ModuleClient(vertx, module.port(), 4)) {
        new TenantsScenario(client, touch, pool, parameters, results).run(module);
      }
    }
  }

  /** Start to healthy three times; the third instance stays up for the scenarios. */
  private static ModuleProcess startThreeTimes(BenchParameters parameters, Map<String, String> env, Results results)
      throws IOException, InterruptedException {
    results.section("start-up (java " + parameters.jvmFlags() + " -jar, start until /admin/health answers 200)");
    if (ModuleProcess.archive(parameters.jvmFlags()).isPresent()) {
      // as the Docker image is built: a training start writes the archive, then the measured starts map it
      ModuleProcess.train(parameters.jvmFlags(), env);
      double[] cold = new double[3];
      for (int i = 0; i < 3; i++) {
        try (ModuleProcess plain = ModuleProcess.start(ModuleProcess.withoutArchive(parameters.jvmFlags()), env)) {
          cold[i] = plain.startToHealthyMs();
          System.out.printf("  start %d without the class-data archive: healthy after %.0f ms%n", i + 1, cold[i]);
        }
      }
      Arrays.sort(cold);
      results.add("medianWithoutArchive", "start to healthy without the class-data archive, median", cold[1], "ms");
    }
    double[] ms = new double[3];
    ModuleProcess module = null;
    for (int i = 0; i < 3; i++) {
      module = ModuleProcess.start(parameters.jvmFlags(), env);
      ms[i] = module.startToHealthyMs();
      System.out.printf("  start %d: healthy after %.0f ms%n", i + 1, ms[i]);
      results.add("run" + (i + 1), "start to healthy, run " + (i + 1), ms[i], "ms");
      if (i < 2) {
        module.close();
      }
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    results.add("min", "start to healthy, min", sorted[0], "ms");
    results.add("median", "start to healthy, median", sorted[1], "ms");
    results.verdict("start to healthy <= 1 s (median of 3)", String.format("%.0f ms", sorted[1]), sorted[1] <= 1000);
    return module;
  }

  private static double memory(Results results, ModuleProcess module, String key, String when) {
    ModuleProcess.Memory memory = module.memory();
    results.section("module memory (/proc/<pid>/status)");
    results.add("rss." + key, "VmRSS " + when, memory.rssMiB(), "MiB");
    results.add("hwm." + key, "VmHWM " + when, memory.hwmMiB(), "MiB");
    System.out.printf("  memory %s: RSS %.1f MiB, HWM %.1f MiB%n", when, memory.rssMiB(), memory.hwmMiB());
    return memory.rssMiB();
  }

  /** The exposure and purge tenants, enabled through the module and bulk-loaded directly. */
  private static void loadTenants(ModuleClient client, Pool pool, HarnessKeys keys, BenchParameters p,
      Results results) throws InterruptedException {
    results.section("bulk load");
    LocalDate today = LocalDate.now(ContactRows.ZONE);
    Loader loader = new Loader(pool, keys, today);
    Map<String, Loader.Layout> layouts = Map.of(
        SMALL, new Loader.Layout(10_000, p.window(), 0),
        PURGE_SMALL, new Loader.Layout(100_000, 0, p.purgeDay()),
        LARGE, new Loader.Layout(p.large(), p.window(), p.purgeDay()));
    for (String tenant : List.of(SMALL, PURGE_SMALL, LARGE)) {
      client.install(tenant);
      UUID mandate = client.createMandate(tenant, today.minusDays(200), Loader.RETENTION_DAYS);
      Loader.Layout layout = layouts.get(tenant);
      double seconds = loader.load(new TenantId(tenant), mandate, layout);
      TenantId id = new TenantId(tenant);
      ModuleClient.await(pool.query("VACUUM ANALYZE " + id.table("contact_log")).execute());
      ModuleClient.await(pool.query("VACUUM ANALYZE " + id.table("data_key")).execute());
      System.out.printf("  loaded %,d entries into %s in %.1f s%n", layout.total(), tenant, seconds);
      results.add(tenant + ".entries", "entries in " + tenant, layout.total(), "");
      results.add(tenant + ".seconds", "load time " + tenant + " (sealing included)", seconds, "s");
    }
  }

  private static void describeMachine(Results results, BenchPostgres postgres, Pool pool, BenchParameters p)
      throws IOException {
    results.machine()
        .put("date", OffsetDateTime.now().toString())
        .put("nproc", Runtime.getRuntime().availableProcessors())
        .put("memTotal", Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(line -> line.startsWith("MemTotal:")).findFirst().orElse("?").replaceAll("\\s+", " "))
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
        .put("postgres", setting(pool, "server_version") + (postgres.embedded() ? " (embedded)" : " (DB_HOST)"))
        .put("durability", "fsync=" + setting(pool, "fsync") + " synchronous_commit="
            + setting(pool, "synchronous_commit") + " full_page_writes=" + setting(pool, "full_page_writes"))
        .put("moduleJvmFlags", p.jvmFlags())
        .put("parameters", p.toJson().encode());
  }

  private static String setting(Pool pool, String name) {
    return ModuleClient.await(pool.query("SHOW " + name).execute()).iterator().next().getString(0);
  }
}
