package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.folio.contacttracing.contactlog.ContactLogErasure;
import org.folio.contacttracing.contactlog.DataKeyStore;
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
        .compose(locked -> ContactLogErasure.daysToRewrite(conn, tenant))
        .compose(toSettle -> toSettle.isEmpty()
            ? Future.succeededFuture(new Settled(0, 0, List.of()))
            : ContactLogErasure.rewrite(conn, tenant, toSettle, closedBy)
                .compose(slots -> recordCounts(conn, actor, toSettle, slots))));
  }

  /** One audit event with the entries counted per location and slot; a slot without start is a day left locked. */
  private Future<Settled> recordCounts(SqlConnection conn, Actor actor, List<LocalDate> days,
      List<ContactLogErasure.SettledSlot> rewritten) {
    List<LocalDate> pending = new ArrayList<>();
    JsonArray slots = new JsonArray();
    int counted = 0;
    for (ContactLogErasure.SettledSlot slot : rewritten) {
      if (slot.slotStart().isEmpty()) {
        pending.add(slot.day());
        continue;
      }
      counted += slot.counted();
      slots.add(new JsonObject().put("location", slot.location())
          .put("slotStart", Timestamps.format(slot.slotStart().get().toInstant()))
          .put("slotMinutes", slot.slotMinutes()).put("count", slot.counted()));
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
        .compose(locked -> ContactLogErasure.dropEmptyPartitions(conn, tenant, keepFrom)));
  }

  /** Empty when nothing called for a rewrite; otherwise whether it was done. */
  private Future<Optional<Boolean>> rewriteDataKey(TenantId tenant, boolean keysDestroyed) {
    return (keysDestroyed ? Future.succeededFuture(true) : DataKeyStore.erasurePending(pool, tenant))
        .compose(calledFor -> !calledFor
            ? Future.succeededFuture(Optional.<Boolean>empty())
            : pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("retention"))
                .compose(locked -> DataKeyStore.rewrite(conn, tenant))
                .map(Optional::of)));
  }
}
