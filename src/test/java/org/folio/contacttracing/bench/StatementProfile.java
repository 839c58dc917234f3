package org.folio.contacttracing.bench;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * PostgreSQL's side of the write path, per statement, from {@code pg_stat_statements}: which statements a visit
 * runs, how often, how long each takes to execute inside the server, and how often and how long it was planned
 * (a prepared statement whose generic plan looks worse than a custom one is planned again on every call). Only the embedded server loads the
 * extension; with {@code DB_HOST} it is used when that server has it, and skipped otherwise.
 */
final class StatementProfile {
  private final Pool pool;
  private final boolean available;

  private StatementProfile(Pool pool, boolean available) {
    this.pool = pool;
    this.available = available;
  }

  /** Loads the extension where it is missing and starts counting from zero. */
  static StatementProfile open(Pool pool) {
    try {
      ModuleClient.await(pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute());
      ModuleClient.await(pool.query("SELECT pg_stat_statements_reset()").execute());
      return new StatementProfile(pool, true);
    } catch (RuntimeException e) {
      System.out.println("  pg_stat_statements is not available, no statement profile: " + e.getMessage());
      return new StatementProfile(pool, false);
    }
  }

  /** The statements touching {@code schema} since the last reset, the most expensive first. */
  void report(Results results, String schema, String who, long visits) {
    if (!available) {
      return;
    }
    results.section("PostgreSQL's execution time per statement, " + who + " (pg_stat_statements)");
    var rows = ModuleClient.await(pool.preparedQuery("SELECT calls, plans, total_exec_time + total_plan_time AS total_time,"
            + " mean_exec_time, mean_plan_time,"
            + " regexp_replace(query, '\\s+', ' ', 'g') AS query FROM pg_stat_statements"
            + " WHERE query LIKE '%' || $1 || '%' ORDER BY total_exec_time + total_plan_time DESC LIMIT 8")
        .execute(Tuple.of(schema + ".")));
    int rank = 0;
    for (Row row : rows) {
      rank++;
      String query = row.getString("query");
      String shown = query.replace(schema + ".", "").substring(0, Math.min(110, query.length() - schema.length() - 1));
      double perVisit = row.getDouble("total_time") * 1000 / Math.max(1, visits);
      long calls = row.getLong("calls");
      results.add("statements." + who + "." + rank, String.format(
              "%.1f calls/visit, executed in %.1f µs; planned %d times in %.1f µs: %s",
              calls / (double) Math.max(1, visits), row.getDouble("mean_exec_time") * 1000, row.getLong("plans"),
              row.getDouble("mean_plan_time") * 1000, shown),
          perVisit, "µs/visit");
    }
  }
}
