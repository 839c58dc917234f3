package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The files under {@code contact_log}: which days' partitions still hold destroyed data, or entries in the order
 * and under the transaction ids their writers gave them, and the rewrites and drops that erase them. Kept apart
 * from {@link ContactLogStore}, which holds the entries themselves.
 */
public final class ContactLogErasure {
  private ContactLogErasure() {
  }

  /** Days whose partition holds entries not yet counted or is marked for erasure: what the purge rewrites. */
  public static Future<List<LocalDate>> daysToRewrite(SqlClient client, TenantId tenant) {
    return client.query("SELECT visit_day FROM " + tenant.table("contact_log") + " WHERE NOT counted"
            + " UNION SELECT visit_day FROM " + tenant.table("pending_erasure") + " WHERE relation = 'contact_log'")
        .execute()
        .map(rows -> {
          List<LocalDate> days = new ArrayList<>();
          rows.forEach(row -> days.add(row.getLocalDate(0)));
          return days;
        });
  }

  /**
   * Days whose partition's files still hold deleted entries, or entries of slots ended by {@code now} in the order
   * and under the transaction ids their writers gave them; in order.
   */
  public static Future<List<LocalDate>> daysPendingErasure(SqlClient client, TenantId tenant, OffsetDateTime now) {
    return client.preparedQuery("SELECT coalesce((SELECT array_agg(visit_day ORDER BY visit_day) FROM (SELECT visit_day"
            + " FROM " + tenant.table("pending_erasure") + " WHERE relation = 'contact_log' UNION SELECT visit_day FROM "
            + tenant.table("contact_log") + " WHERE NOT counted"
            + " AND visited_bucket + make_interval(mins => bucket_minutes) <= $1) days), '{}') AS days")
        .execute(Tuple.of(now))
        .map(rows -> List.of(rows.iterator().next().getArrayOfLocalDates("days")));
  }

  /** Entries of one location and slot counted by a rewrite; {@code slotStart} empty for a day left locked. */
  public record SettledSlot(LocalDate day, String location, Optional<OffsetDateTime> slotStart, int slotMinutes,
      int counted) {
  }

  /** Rewrites each day's partition, counting the entries of slots ended by {@code closedBy}, in the caller's transaction. */
  public static Future<List<SettledSlot>> rewrite(SqlClient client, TenantId tenant, List<LocalDate> days,
      OffsetDateTime closedBy) {
    return client.preparedQuery("SELECT d.day, s.location, s.visited_bucket, s.bucket_minutes, s.counted"
            + " FROM unnest($1::date[]) AS d(day),"
            + " LATERAL " + tenant.table("settle_contact_log_partition") + "(d.day, $2) AS s"
            + " ORDER BY s.visited_bucket, s.location")
        .execute(Tuple.tuple().addArrayOfLocalDate(days.toArray(LocalDate[]::new)).addOffsetDateTime(closedBy))
        .map(rows -> {
          List<SettledSlot> slots = new ArrayList<>();
          for (Row row : rows) {
            Optional<OffsetDateTime> start = Optional.ofNullable(row.getOffsetDateTime("visited_bucket"));
            slots.add(start.isEmpty() ? new SettledSlot(row.getLocalDate("day"), null, start, 0, 0)
                : new SettledSlot(row.getLocalDate("day"), row.getString("location"), start,
                    row.getInteger("bucket_minutes"), row.getLong("counted").intValue()));
          }
          return slots;
        });
  }

  /** Drops the partitions of days before {@code keepFrom} left empty; how many. */
  public static Future<Integer> dropEmptyPartitions(SqlClient client, TenantId tenant, LocalDate keepFrom) {
    return client.preparedQuery("SELECT " + tenant.table("drop_empty_contact_log_partitions") + "($1)")
        .execute(Tuple.of(keepFrom))
        .map(rows -> rows.iterator().next().getInteger(0));
  }
}
