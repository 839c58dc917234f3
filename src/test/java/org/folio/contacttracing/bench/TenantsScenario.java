package org.folio.contacttracing.bench;

import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Many tenants on one instance: each enabled through the tenant API one after another, then touched once
 * (settings read, mandate recorded); afterwards the module still holds no more connections than its pool.
 */
final class TenantsScenario {
  private final ModuleClient client;
  private final ModuleClient touch;
  private final Pool pool;
  private final BenchParameters parameters;
  private final Results results;

  /**
   * @param client enables the tenants
   * @param touch then reads and writes in each: a client of its own, because the one that had enabled 200
   *     tenants once stalled on its next request while the module answered every other client at once
   */
  TenantsScenario(ModuleClient client, ModuleClient touch, Pool pool, BenchParameters parameters, Results results) {
    this.touch = touch;
    this.client = client;
    this.pool = pool;
    this.parameters = parameters;
    this.results = results;
  }

  void run(ModuleProcess module) {
    results.section(parameters.tenants() + " tenants");
    LatencyRecorder init = new LatencyRecorder(parameters.tenants());
    long started = System.nanoTime();
    for (int i = 1; i <= parameters.tenants(); i++) {
      long tenantStarted = System.nanoTime();
      client.install(tenant(i));
      init.record(System.nanoTime() - tenantStarted);
    }
    double totalSeconds = (System.nanoTime() - started) / 1e9;
    int errors = 0;
    LocalDate today = LocalDate.now(ContactRows.ZONE);
    int failedInARow = 0;
    int stalls = 0;
    for (int i = 1; i <= parameters.tenants() && failedInARow < 3; i++) {
      try {
        touchOnce(i, today);
        failedInARow = 0;
      } catch (StalledRequest stalled) {
        // see docs/performance.md, "Known limits": the harness's client, not the module, stops now and then
        stalls++;
        results.note(String.format("touching %s: no answer within %d s, touched again: %s", tenant(i),
            ModuleClient.STALL_SECONDS, stalled.getMessage()));
        i--;
        if (stalls > 5) {
          throw new IllegalStateException("more than 5 stalled requests", stalled);
        }
      } catch (IllegalStateException e) {
        errors++;
        failedInARow++;
        ModuleProcess.Memory memory = module.memory();
        results.note(String.format("touching %s failed (module RSS %.1f MiB): %s", tenant(i), memory.rssMiB(),
            e.getMessage()));
        if (failedInARow == 3) {
          results.note("stopped touching tenants after 3 failures in a row");
        }
      }
    }
    LatencyRecorder.Percentiles p = init.percentiles();
    results.add("init.p50", "tenant init (POST /_/tenant until complete) p50", p.p50Ms(), "ms");
    results.add("init.p99", "tenant init p99", p.p99Ms(), "ms");
    results.add("init.total", "all tenants enabled in", totalSeconds, "s");
    results.add("errors", "errors touching the tenants (settings GET, mandate POST)", errors, "");
    results.add("stalls", "touches without an answer within " + ModuleClient.STALL_SECONDS + " s, touched again",
        stalls, "");
    ModuleProcess.Memory memory = module.memory();
    results.add("rss", "module RSS after the tenants", memory.rssMiB(), "MiB");
    long moduleConnections = count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mod-contact-tracing'");
    long allConnections = count("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
    String max = ModuleClient.await(pool.query("SHOW max_connections").execute()).iterator().next().getString(0);
    results.add("connections.module", "server connections held by the module", moduleConnections, "");
    results.add("connections.all", "client connections on the server (harness included)", allConnections, "");
    results.add("connections.max", "max_connections", Long.parseLong(max), "");
    results.verdict(parameters.tenants() + " tenants: module connections <= DB_MAXPOOLSIZE " + parameters.poolSize(),
        moduleConnections + " connections", moduleConnections <= parameters.poolSize());
    results.verdict(parameters.tenants() + " tenants: no errors", errors + " errors", errors == 0);
  }

  /** Reads the tenant's settings and creates a mandate; a request that gets no answer at all is a stall. */
  private void touchOnce(int i, LocalDate today) {
    try {
      ModuleClient.Reply settings = touch.call(HttpMethod.GET, "/contact-tracing/settings", tenant(i),
          Optional.of(ModuleClient.STAFF_A), null);
      if (settings.status() != 200) {
        throw new IllegalStateException("GET /contact-tracing/settings answered " + settings);
      }
      touch.createMandate(tenant(i), today, 30);
    } catch (IllegalStateException e) {
      if (ModuleClient.stalled(e)) {
        throw new StalledRequest(e);
      }
      throw e;
    }
  }

  private static final class StalledRequest extends RuntimeException {
    StalledRequest(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static String tenant(int i) {
    return String.format("bench_t%03d", i);
  }

  private long count(String sql) {
    return ModuleClient.await(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
