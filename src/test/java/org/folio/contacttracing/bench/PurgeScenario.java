package org.folio.contacttracing.bench;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * One retention purge per tenant, each destroying exactly one expired library day, timed as Okapi's
 * {@code _timer} calls it; with the table's size and dead tuples before and after. Destruction is not
 * repeatable, so each tenant is measured once, the tenants back to back. The table is summed over its
 * partitions, so the figures stay comparable when {@code contact_log} is partitioned.
 */
final class PurgeScenario {
  private final ModuleClient client;
  private final Pool pool;
  private final BenchParameters parameters;
  private final Results results;
  /** Entries of each tenant before its purge, to size one day's share of the table. */
  private final Map<String, Long> entriesBefore = new HashMap<>();

  PurgeScenario(ModuleClient client, Pool pool, BenchParameters parameters, Results results) {
    this.client = client;
    this.pool = pool;
    this.parameters = parameters;
    this.results = results;
  }

  record Table(long bytes, long deadTuples, long deletedTuples, long dataKeys) {
  }

  void run(String small, String large) throws InterruptedException {
    results.section("retention purge of one day (" + parameters.purgeDay() + " entries)");
    Table smallBefore = prepare(small);
    Table largeBefore = prepare(large);
    double smallMs = purge(small);
    double largeMs = purge(large);
    Table smallAfter = settled(small, smallBefore);
    Table largeAfter = settled(large, largeBefore);
    report(small, "small", smallMs, smallBefore, smallAfter);
    report(large, "large", largeMs, largeBefore, largeAfter);
    results.add("ratio.time", "purge time ratio large/small", largeMs / smallMs, "x");
    results.verdict("purge of one day at large <= 1.5 x at small",
        String.format("%.2f x (%.0f ms vs %.0f ms)", largeMs / smallMs, largeMs, smallMs), largeMs <= 1.5 * smallMs);
    results.verdict("dead tuples left after purge = 0",
        small + " " + smallAfter.deadTuples() + ", " + large + " " + largeAfter.deadTuples(),
        smallAfter.deadTuples() == 0 && largeAfter.deadTuples() == 0);
  }

  private void report(String tenant, String key, double ms, Table before, Table after) {
    double dayBytes = (double) before.bytes() * parameters.purgeDay() / entriesBefore.get(tenant);
    results.add(key + ".ms", "purge time, " + tenant, ms, "ms");
    results.add(key + ".bytesBefore", "contact_log size before (table+index+toast), " + tenant, before.bytes(), "bytes");
    results.add(key + ".bytesAfter", "contact_log size after, " + tenant, after.bytes(), "bytes");
    results.add(key + ".bytesFreed", "bytes freed, " + tenant, before.bytes() - after.bytes(), "bytes");
    results.add(key + ".bytesDay", "one day's share of the size (average row size x day's entries), " + tenant,
        dayBytes, "bytes");
    results.add(key + ".deadBefore", "dead tuples before, " + tenant, before.deadTuples(), "");
    results.add(key + ".deadAfter", "dead tuples after, " + tenant, after.deadTuples(), "");
    results.add(key + ".keysBefore", "data_key rows before, " + tenant, before.dataKeys(), "");
    results.add(key + ".keysAfter", "data_key rows after, " + tenant, after.dataKeys(), "");
    long freed = before.bytes() - after.bytes();
    results.verdict("size after ~ size before - destroyed day, " + tenant,
        String.format("freed %,d of ~%,.0f bytes", freed, dayBytes), freed >= 0.5 * dayBytes && freed <= 1.5 * dayBytes);
    results.verdict("expired day's data key destroyed, " + tenant,
        before.dataKeys() + " -> " + after.dataKeys() + " keys", after.dataKeys() == before.dataKeys() - 1);
  }

  /** VACUUM ANALYZE, then the state before the purge. */
  private Table prepare(String tenant) {
    TenantId id = new TenantId(tenant);
    ModuleClient.await(pool.query("VACUUM ANALYZE " + id.table("contact_log")).execute());
    ModuleClient.await(pool.query("VACUUM ANALYZE " + id.table("data_key")).execute());
    entriesBefore.put(tenant, ModuleClient.await(pool.query("SELECT count(*) FROM " + id.table("contact_log")).execute())
        .iterator().next().getLong(0));
    return table(id);
  }

  private double purge(String tenant) {
    long started = System.nanoTime();
    JsonObject answer = client.expect(200, HttpMethod.POST, "/contact-tracing/retention/purge", tenant,
        Optional.empty(), null).json();
    double ms = (System.nanoTime() - started) / 1e6;
    System.out.println("  purge " + tenant + ": " + answer.encode());
    if (answer.getInteger("contactLogsDestroyed") != parameters.purgeDay()) {
      throw new IllegalStateException("the purge of " + tenant + " destroyed " + answer.getInteger("contactLogsDestroyed")
          + " entries instead of " + parameters.purgeDay());
    }
    return ms;
  }

  /**
   * The state after the purge once the module's statistics have reached the server: a backend reports them at
   * most once a second, or up to ten seconds later when idle, so wait until its deletions are counted, then
   * until the dead tuples stop changing.
   */
  private Table settled(String tenant, Table before) throws InterruptedException {
    TenantId id = new TenantId(tenant);
    Thread.sleep(1500);
    long deadline = System.nanoTime() + 15_000_000_000L;
    Table now = table(id);
    while (now.deletedTuples() - before.deletedTuples() < parameters.purgeDay() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      now = table(id);
    }
    if (now.deletedTuples() == before.deletedTuples()) {
      results.note(tenant + ": no row deleted one by one: the day went whole with its dropped partition");
    } else if (now.deletedTuples() - before.deletedTuples() < parameters.purgeDay()) {
      results.note(tenant + ": the purge's deletions did not show in pg_stat_user_tables within 15 s");
    }
    long stableUntil = System.nanoTime() + 5_000_000_000L;
    Table previous = now;
    while (System.nanoTime() < stableUntil) {
      Thread.sleep(500);
      now = table(id);
      if (now.deadTuples() == previous.deadTuples()) {
        break;
      }
      previous = now;
    }
    return now;
  }

  private Table table(TenantId tenant) {
    // pg_partition_tree lists nothing for a plain table, so the table itself is added
    String tree = "SELECT relid FROM pg_partition_tree('" + tenant.table("contact_log") + "') UNION SELECT '"
        + tenant.table("contact_log") + "'::regclass";
    Row row = ModuleClient.await(pool.query("SELECT"
            + " (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM (" + tree + ") t)::bigint AS bytes,"
            + " (SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables WHERE relid IN (" + tree + "))::bigint"
            + " AS dead,"
            + " (SELECT coalesce(sum(n_tup_del), 0) FROM pg_stat_user_tables WHERE relid IN (" + tree + "))::bigint"
            + " AS deleted,"
            + " (SELECT count(*) FROM " + tenant.table("data_key") + ") AS keys").execute())
        .iterator().next();
    return new Table(row.getLong("bytes"), row.getLong("dead"), row.getLong("deleted"), row.getLong("keys"));
  }
}
