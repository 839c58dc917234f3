package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Stored entries changed after they were written: sealed again, destroyed earlier, or set back to their sealed
 * destroyAfter. Each change leaves the old version in the day's partition as a dead row, so it marks the day for
 * the purge to rewrite, in the same statement or transaction. Kept apart from {@link ContactLogStore}, which
 * writes, reads and destroys entries.
 */
final class ContactLogRevisions {
  private ContactLogRevisions() {
  }

  /** The mandate's entries destroyed no later than the due of their day; the days touched are marked; how many. */
  static Future<Integer> shortenRetention(SqlClient client, TenantId tenant, UUID mandateId, List<LocalDate> days,
      OffsetDateTime[] dues) {
    return client.preparedQuery("WITH shortened AS (UPDATE " + tenant.table("contact_log") + " c"
            + " SET destroy_after = t.due FROM unnest($2::date[], $3::timestamptz[]) AS t(day, due)"
            // the days as a parameter too, so that only their partitions are read
            + " WHERE c.mandate_id = $1 AND c.visit_day = ANY($2::date[]) AND c.visit_day = t.day"
            + " AND c.destroy_after > t.due RETURNING c.visit_day),"
            + " marked AS (INSERT INTO " + tenant.table("pending_erasure") + " (relation, visit_day)"
            + " SELECT DISTINCT '" + PendingErasure.CONTACT_LOG + "', visit_day FROM shortened ON CONFLICT DO NOTHING)"
            + " SELECT count(*) FROM shortened")
        .execute(Tuple.of(mandateId).addArrayOfLocalDate(days.toArray(LocalDate[]::new))
            .addArrayOfOffsetDateTime(dues))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  /** The day's entries {@code ids} take the new seals, and the day is marked; how many rows changed. */
  static Future<Integer> replaceSeals(SqlClient client, TenantId tenant, LocalDate day, List<UUID> ids,
      List<Buffer> sealed) {
    return client.preparedQuery("UPDATE " + tenant.table("contact_log") + " c SET sealed = u.sealed"
            + " FROM unnest($2::uuid[], $3::bytea[]) AS u(id, sealed) WHERE c.visit_day = $1 AND c.id = u.id")
        .execute(Tuple.of(day).addArrayOfUUID(ids.toArray(UUID[]::new)).addArrayOfBuffer(sealed.toArray(Buffer[]::new)))
        // the old versions stay in the partition's files as dead rows until the purge rewrites it
        .compose(updated -> PendingErasure.mark(client, tenant, PendingErasure.CONTACT_LOG, day)
            .map(updated.rowCount()));
  }

  /** A destroyAfter moved later goes back to the sealed one; the old version's day is marked for erasure. */
  static Future<Void> restoreSealedDestroyAfter(SqlClient client, TenantId tenant, IntegrityFailure failure) {
    if (failure.sealedDestroyAfter().isEmpty()) {
      return Future.succeededFuture();
    }
    return client.preparedQuery("WITH restored AS (UPDATE " + tenant.table("contact_log")
            + " SET destroy_after = $3 WHERE id = $1 AND visit_day = $2 AND destroy_after > $3 RETURNING visit_day)"
            + " INSERT INTO " + tenant.table("pending_erasure") + " (relation, visit_day)"
            + " SELECT '" + PendingErasure.CONTACT_LOG + "', visit_day FROM restored ON CONFLICT DO NOTHING")
        .execute(Tuple.of(failure.id(), failure.day(), Timestamps.utc(failure.sealedDestroyAfter().get())))
        .mapEmpty();
  }

  /**
   * Within the caller's transaction, at most {@code limit} of the day's entries after {@code after} (null: from the
   * first) in id order, locked, each with its day's wrapped key: what the legacy re-sealing reads.
   */
  static Future<RowSet<Row>> lockedWithKeys(SqlClient client, TenantId tenant, LocalDate day, UUID after,
      int limit) {
    return client.preparedQuery("SELECT c.id, c.mandate_id, c.location, c.visited_bucket,"
            + " c.bucket_minutes, c.destroy_after, c.sealed, k.kek_id, k.wrapped_key FROM "
            + tenant.table("contact_log") + " c JOIN " + tenant.table("data_key") + " k"
            + " ON k.mandate_id = c.mandate_id AND k.visit_day = c.visit_day"
            + " WHERE c.visit_day = $1 AND ($2::uuid IS NULL OR c.id > $2) ORDER BY c.id LIMIT $3 FOR UPDATE OF c")
        .execute(Tuple.of(day, after, limit));
  }
}
