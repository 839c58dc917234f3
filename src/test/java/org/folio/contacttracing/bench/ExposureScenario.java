package org.folio.contacttracing.bench;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.folio.contacttracing.platform.Timestamps;

/**
 * The exposure query through the API, on a small and a large tenant whose queried window holds the same
 * entries: a public-health disclosure of one library day at {@value Loader#EXPOSURE_LOCATION}, requested by one
 * staff member and approved by another, then released again and again; and the staff list of the same window.
 * The tenants alternate query by query, so both see the same machine noise.
 */
final class ExposureScenario {
  private final ModuleClient client;
  private final BenchParameters parameters;
  private final Results results;

  ExposureScenario(ModuleClient client, BenchParameters parameters, Results results) {
    this.client = client;
    this.parameters = parameters;
    this.results = results;
  }

  void run(String small, String large, LocalDate day) {
    results.section("exposure query (" + parameters.window() + " entries in the window)");
    Instant from = day.atStartOfDay(ContactRows.ZONE).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(ContactRows.ZONE).toInstant();
    List<Query> queries = List.of(
        release(small, from, to), release(large, from, to),
        list(small, from, to), list(large, from, to));
    int errors = 0;
    for (int i = 0; i < parameters.queryWarmup(); i++) {
      for (Query query : queries) {
        errors += query.once(false);
      }
    }
    for (int i = 0; i < parameters.queries(); i++) {
      // alternate which tenant goes first
      List<Query> order = i % 2 == 0 ? queries : List.of(queries.get(1), queries.get(0), queries.get(3), queries.get(2));
      for (Query query : order) {
        errors += query.once(true);
      }
    }
    LatencyRecorder.Percentiles rs = queries.get(0).latencies.percentiles();
    LatencyRecorder.Percentiles rl = queries.get(1).latencies.percentiles();
    report("release", "disclosure release", small, large, rs, rl);
    report("list", "staff list", small, large, queries.get(2).latencies.percentiles(),
        queries.get(3).latencies.percentiles());
    results.add("errors", "exposure query errors (status or count wrong), warm-up included", errors, "");
    results.verdict("exposure query p50 at large <= 2 x p50 at small",
        String.format("%.2f x (%.1f ms vs %.1f ms)", rl.p50Ms() / rs.p50Ms(), rl.p50Ms(), rs.p50Ms()),
        rl.p50Ms() <= 2 * rs.p50Ms());
  }

  /** p50 and p99 of one query on both tenants, and their ratios large/small. */
  private void report(String key, String name, String small, String large, LatencyRecorder.Percentiles ps,
      LatencyRecorder.Percentiles pl) {
    results.add(key + ".small.p50", name + " p50, " + small, ps.p50Ms(), "ms");
    results.add(key + ".small.p99", name + " p99, " + small, ps.p99Ms(), "ms");
    results.add(key + ".large.p50", name + " p50, " + large, pl.p50Ms(), "ms");
    results.add(key + ".large.p99", name + " p99, " + large, pl.p99Ms(), "ms");
    results.add(key + ".ratio.p50", name + " p50 ratio large/small", pl.p50Ms() / ps.p50Ms(), "x");
    results.add(key + ".ratio.p99", name + " p99 ratio large/small", pl.p99Ms() / ps.p99Ms(), "x");
  }

  /** Records a disclosure as staff A, approves it as staff B, and releases it as staff A. */
  private Query release(String tenant, Instant from, Instant to) {
    JsonObject request = new JsonObject()
        .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health Department")
            .put("contact", "+1 555 0199"))
        .put("legalBasis", "Public Health Act s. 12")
        .put("caseReference", "BENCH-" + tenant)
        .put("from", Timestamps.format(from))
        .put("to", Timestamps.format(to))
        .put("locations", new JsonArray().add(Loader.EXPOSURE_LOCATION));
    String id = client.expect(201, HttpMethod.POST, "/contact-tracing/disclosures", tenant,
        Optional.of(ModuleClient.STAFF_A), request.encode()).json().getString("id");
    client.expect(200, HttpMethod.POST, "/contact-tracing/disclosures/" + id + "/decision", tenant,
        Optional.of(ModuleClient.STAFF_B), new JsonObject().put("decision", "approve").encode());
    return new Query(HttpMethod.POST, tenant, "/contact-tracing/disclosures/" + id + "/releases", 201);
  }

  private Query list(String tenant, Instant from, Instant to) {
    return new Query(HttpMethod.GET, tenant, "/contact-tracing/contact-logs?location=" + Loader.EXPOSURE_LOCATION
        + "&from="
        + Timestamps.format(from) + "&to=" + Timestamps.format(to) + "&limit=1000", 200);
  }

  /** One request (a release is a POST) that must answer with exactly the window's entries. */
  private final class Query {
    private final HttpMethod method;
    private final String tenant;
    private final String path;
    private final int expected;
    private final LatencyRecorder latencies = new LatencyRecorder(parameters.queries());

    Query(HttpMethod method, String tenant, String path, int expected) {
      this.method = method;
      this.tenant = tenant;
      this.path = path;
      this.expected = expected;
    }

    /** @return 1 when the answer was wrong */
    int once(boolean measured) {
      long started = System.nanoTime();
      ModuleClient.Reply reply = client.call(method, path, tenant, Optional.of(ModuleClient.STAFF_A), null);
      long elapsed = System.nanoTime() - started;
      if (measured) {
        latencies.record(elapsed);
      }
      int entries = reply.status() == expected ? reply.json().getJsonArray("contactLogs").size() : -1;
      if (entries != parameters.window()) {
        System.out.println("  unexpected answer from " + tenant + " " + path + ": " + reply.status() + ", "
            + entries + " entries");
        return 1;
      }
      return 0;
    }
  }
}
