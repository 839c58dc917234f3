package org.folio.contacttracing.decline;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.folio.contacttracing.mandate.Admission;
import org.folio.contacttracing.mandate.AdmissionStamp;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.db.Destroyed;
import org.folio.contacttracing.platform.db.Earliest;
import org.folio.contacttracing.platform.tenant.TenantId;

/** Declines of each tenant: one count per location and time slot, in its {@code decline_count} table. */
public final class DeclineStore {

  /** Declines in slots overlapping {@code [from, to)} at the given locations (none: all). */
  public Future<Integer> declinedInWindow(SqlClient client, TenantId tenant, Instant from, Instant to,
      java.util.List<String> locations) {
    return client.preparedQuery("SELECT coalesce(sum(declined), 0) FROM " + tenant.table("decline_count")
            + " WHERE visited_bucket < $2 AND visited_bucket + make_interval(mins => bucket_minutes) > $1"
            // bounded below too, so that the index reads the window only
            + " AND visited_bucket > $4"
            + " AND (cardinality($3::text[]) = 0 OR location = ANY($3))")
        .execute(Tuple.of(Timestamps.utc(from), Timestamps.utc(to),
            locations.toArray(String[]::new), Timestamps.utc(TimeBucket.earliestStartOverlapping(from))))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  /**
   * Deletes the counts past their destroy_after that no disclosure holds; {@code notHeld} is the hold as a
   * condition on row r, $1 the moment and $2 maxHoldDays (disclosure.Hold.notHeldSql).
   */
  public Future<Destroyed> destroyDue(SqlClient client, TenantId tenant, OffsetDateTime now, int maxHoldDays,
      String notHeld) {
    return client.preparedQuery("WITH destroyed AS (DELETE FROM " + tenant.table("decline_count")
            + " r WHERE r.destroy_after <= $1 AND " + notHeld + " RETURNING r.visited_bucket)"
            + " SELECT count(*) AS n, min(visited_bucket) AS first, max(visited_bucket) AS last FROM destroyed")
        .execute(Tuple.of(now, maxHoldDays))
        .map(Destroyed::of);
  }

  /**
   * The counts at the mandate's locations (all, when it names none) in slots of its period are destroyed no later
   * than its retention allows: what {@link Mandate#destroyAfter} gives for the slot's library day, or earlier.
   *
   * @return how many counts were moved earlier
   */
  public Future<Integer> destroyNoLaterThan(SqlClient client, TenantId tenant, Mandate mandate, ZoneId zone) {
    // a slot's library day is in the period exactly when its start lies between these two moments
    OffsetDateTime from = Timestamps.utc(mandate.effectiveFrom().atStartOfDay(zone).toInstant());
    OffsetDateTime until = mandate.effectiveUntil()
        .map(day -> Timestamps.utc(day.plusDays(1).atStartOfDay(zone).toInstant())).orElse(null);
    String[] locations = mandate.locations().toArray(String[]::new);
    String covered = " visited_bucket >= $1 AND ($2::timestamptz IS NULL OR visited_bucket < $2)"
        + " AND (cardinality($3::text[]) = 0 OR location = ANY($3))";
    return client.preparedQuery("SELECT min(visited_bucket) AS first, max(visited_bucket) AS last FROM "
            + tenant.table("decline_count") + " WHERE" + covered)
        .execute(Tuple.of(from, until).addArrayOfString(locations))
        .compose(rows -> {
          Row range = rows.iterator().next();
          if (range.getOffsetDateTime("first") == null) {
            return Future.succeededFuture(0);
          }
          // the library days in Java, as the mandate counts them, not in PostgreSQL's own time zone database
          List<OffsetDateTime> starts = new ArrayList<>();
          List<OffsetDateTime> ends = new ArrayList<>();
          List<OffsetDateTime> dues = new ArrayList<>();
          LocalDate last = LocalDate.ofInstant(range.getOffsetDateTime("last").toInstant(), zone);
          for (LocalDate day = LocalDate.ofInstant(range.getOffsetDateTime("first").toInstant(), zone);
              !day.isAfter(last); day = day.plusDays(1)) {
            starts.add(Timestamps.utc(day.atStartOfDay(zone).toInstant()));
            ends.add(Timestamps.utc(day.plusDays(1).atStartOfDay(zone).toInstant()));
            dues.add(Timestamps.utc(mandate.destroyAfter(day, zone).toInstant()));
          }
          return client.preparedQuery("UPDATE " + tenant.table("decline_count") + " SET destroy_after = t.due"
                  + " FROM unnest($4::timestamptz[], $5::timestamptz[], $6::timestamptz[]) AS t(day_start, day_end, due)"
                  + " WHERE" + covered + " AND visited_bucket >= t.day_start AND visited_bucket < t.day_end"
                  + " AND destroy_after > t.due")
              .execute(Tuple.of(from, until).addArrayOfString(locations)
                  .addArrayOfOffsetDateTime(starts.toArray(OffsetDateTime[]::new))
                  .addArrayOfOffsetDateTime(ends.toArray(OffsetDateTime[]::new))
                  .addArrayOfOffsetDateTime(dues.toArray(OffsetDateTime[]::new)))
              .map(updated -> updated.rowCount());
        });
  }

  /**
   * Adds one to the slot's count while the admission holds; the count is kept as long as the longest retention that
   * applies to it.
   *
   * @return false when the admission no longer holds, and nothing was counted
   */
  public Future<Boolean> count(SqlClient client, TenantId tenant, String location, Admission admission) {
    TimeBucket bucket = admission.bucket();
    return client.preparedQuery("INSERT INTO " + tenant.table("decline_count")
            + " AS d (location, visited_bucket, bucket_minutes, declined, destroy_after)"
            + " SELECT $1::text, $2::timestamptz, $3::integer, 1, $4::timestamptz WHERE " + AdmissionStamp.holds(tenant, 5)
            + " ON CONFLICT (location, visited_bucket) DO UPDATE SET declined = d.declined + 1,"
            + " destroy_after = greatest(d.destroy_after, excluded.destroy_after)")
        .execute(admission.stamp().addTo(Tuple.of(location, Timestamps.utc(bucket.start()), bucket.minutes(),
            Timestamps.utc(admission.destroyAfter()))))
        .map(rows -> rows.rowCount() > 0);
  }

  /** The start of the earliest slot whose count is still kept, for the transparency report's default start. */
  public static Future<Optional<OffsetDateTime>> firstSlotKept(SqlClient client, TenantId tenant) {
    return Earliest.of(client, tenant.table("decline_count"), "visited_bucket", OffsetDateTime.class);
  }

  /** Declines in the slots that start in {@code [start, end)}, as far as their counts are still kept. */
  public static Future<Long> declinedInSlotsStarting(SqlClient client, TenantId tenant, OffsetDateTime start,
      OffsetDateTime end) {
    return client.preparedQuery("SELECT coalesce(sum(declined), 0) FROM "
            + tenant.table("decline_count") + " WHERE visited_bucket >= $1 AND visited_bucket < $2")
        .execute(Tuple.of(start, end))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
