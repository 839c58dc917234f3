package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.db.TransactionLock;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * What the purge does after its deletions have committed, so that what PostgreSQL keeps underneath says no more
 * than the API does:
 * <ul>
 *   <li>Each day's partition that holds entries not yet counted, or dead rows of deleted or corrected entries, is
 *   rewritten into new files (the old ones are removed at commit): the entries that exist, ordered by slot and
 *   at random within a slot, all under the purge's transaction id. Entries of slots that have ended are counted
 *   per location and slot into one {@code contact-log.create} audit event, which names no entry and no staff
 *   member.</li>
 *   <li>{@code data_key} is rewritten the same way after a key was destroyed or created.</li>
 *   <li>Past days' partitions left empty are dropped.</li>
 * </ul>
 * Each step gives up at once on a partition or table another transaction holds (a reporting tool idle in a
 * transaction), and reports it as pending: the deletions already happened, the next run rewrites it.
 */
final class PhysicalErasure {
  private final Pool pool;
  private final AccessAudit audit;

  PhysicalErasure(Pool pool, AccessAudit audit) {
    this.pool = pool;
    this.audit = audit;
  }

  /** What a run of {@link #run} did and could not do. */
  record Erased(int counted, int partitionsRewritten, int partitionsDropped, List<LocalDate> pending,
      boolean dataKeyRewritten, boolean dataKeyPending) {
  }

  /**
   * @param closedBy entries of slots ended by then are counted
   * @param keepFrom the library's today: partitions before it are dropped when empty
   * @param keysDestroyed whether the purge just destroyed data keys
   */
  Future<Erased> run(Actor actor, OffsetDateTime closedBy, LocalDate keepFrom, boolean keysDestroyed) {
    TenantId tenant = actor.tenant();
    return settle(actor, closedBy).compose(settled -> dropEmpty(tenant, keepFrom)
        .compose(dropped -> rewriteDataKey(tenant, keysDestroyed)
        .map(keys -> new Erased(settled.counted, settled.rewritten, dropped, settled.pending, keys.orElse(false),
            keys.map(done -> !done).orElse(false)))));
  }

  private record Settled(int counted, int rewritten, List<LocalDate> pending) {
  }

  /** Rewrites the partitions to settle and records the counts, in one transaction under the purge's lock. */
  private Future<Settled> settle(Actor actor, OffsetDateTime closedBy) {
    TenantId tenant = actor.tenant();
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("retention"))
        .compose(locked -> conn.query("SELECT visit_day FROM " + tenant.table("contact_log") + " WHERE NOT counted"
                + " UNION SELECT visit_day FROM " + tenant.table("pending_erasure") + " WHERE relation = 'contact_log'")
            .execute())
        .compose(days -> {
          List<LocalDate> toSettle = new ArrayList<>();
          days.forEach(row -> toSettle.add(row.getLocalDate(0)));
          if (toSettle.isEmpty()) {
            return Future.succeededFuture(new Settled(0, 0, List.of()));
          }
          return conn.preparedQuery("SELECT d.day, s.location, s.visited_bucket, s.bucket_minutes, s.counted"
                  + " FROM unnest($1::date[]) AS d(day),"
                  + " LATERAL " + tenant.table("settle_contact_log_partition") + "(d.day, $2) AS s"
                  + " ORDER BY s.visited_bucket, s.location")
              .execute(Tuple.tuple().addArrayOfLocalDate(toSettle.toArray(LocalDate[]::new)).addOffsetDateTime(closedBy))
              .compose(rows -> recordCounts(conn, actor, toSettle, rows));
        }));
  }

  /** One audit event with the entries counted per location and slot; a row of nulls is a day left locked. */
  private Future<Settled> recordCounts(SqlConnection conn, Actor actor, List<LocalDate> days,
      Iterable<Row> rows) {
    List<LocalDate> pending = new ArrayList<>();
    JsonArray slots = new JsonArray();
    int counted = 0;
    for (Row row : rows) {
      if (row.getOffsetDateTime("visited_bucket") == null) {
        pending.add(row.getLocalDate("day"));
        continue;
      }
      int n = row.getLong("counted").intValue();
      counted += n;
      slots.add(new JsonObject().put("location", row.getString("location"))
          .put("slotStart", Timestamps.format(row.getOffsetDateTime("visited_bucket").toInstant()))
          .put("slotMinutes", row.getInteger("bucket_minutes")).put("count", n));
    }
    Settled settled = new Settled(counted, days.size() - pending.size(), pending);
    if (counted == 0) {
      return Future.succeededFuture(settled);
    }
    // the desk's recordings, not the timer's system user: the counts name nobody
    return audit.record(conn, actor.withoutUser(), AuditAction.CONTACT_LOG_CREATE, counted, Optional.empty(),
        new JsonObject().put("slots", slots)).map(settled);
  }

  /** Under the purge's lock, like every step: another instance's run waits instead of timing out on it. */
  private Future<Integer> dropEmpty(TenantId tenant, LocalDate keepFrom) {
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("retention"))
        .compose(locked -> conn.preparedQuery("SELECT " + tenant.table("drop_empty_contact_log_partitions") + "($1)")
            .execute(Tuple.of(keepFrom)))
        .map(rows -> rows.iterator().next().getInteger(0)));
  }

  /** Empty when nothing called for a rewrite; otherwise whether it was done. */
  private Future<Optional<Boolean>> rewriteDataKey(TenantId tenant, boolean keysDestroyed) {
    return pool.preparedQuery("SELECT $1::boolean OR EXISTS (SELECT 1 FROM " + tenant.table("data_key")
            + " WHERE NOT settled) OR EXISTS (SELECT 1 FROM " + tenant.table("pending_erasure")
            + " WHERE relation = 'data_key')")
        .execute(Tuple.of(keysDestroyed))
        .compose(rows -> !rows.iterator().next().getBoolean(0)
            ? Future.succeededFuture(Optional.<Boolean>empty())
            : pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("retention"))
                .compose(locked -> conn.query("SELECT " + tenant.table("rewrite_data_key") + "()").execute())
                .map(done -> Optional.of(done.iterator().next().getBoolean(0)))));
  }
}
