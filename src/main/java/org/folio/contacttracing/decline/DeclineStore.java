package org.folio.contacttracing.decline;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.Timestamps;
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
    String covered = " visited_bucket >= $2 AND ($3::timestamptz IS NULL OR visited_bucket < $3)"
        + " AND (cardinality($4::text[]) = 0 OR location = ANY($4))";
    Tuple parameters = Tuple.of(zone.getId(), from, until).addArrayOfString(locations);
    return client.preparedQuery("SELECT DISTINCT (visited_bucket AT TIME ZONE $1::text)::date AS day FROM "
            + tenant.table("decline_count") + " WHERE" + covered)
        .execute(parameters)
        .compose(rows -> {
          List<LocalDate> days = new ArrayList<>();
          rows.forEach(row -> days.add(row.getLocalDate("day")));
          if (days.isEmpty()) {
            return Future.succeededFuture(0);
          }
          OffsetDateTime[] dues = days.stream()
              .map(day -> Timestamps.utc(mandate.destroyAfter(day, zone).toInstant())).toArray(OffsetDateTime[]::new);
          return client.preparedQuery("UPDATE " + tenant.table("decline_count") + " SET destroy_after = t.due"
                  + " FROM unnest($5::date[], $6::timestamptz[]) AS t(day, due) WHERE" + covered
                  + " AND (visited_bucket AT TIME ZONE $1::text)::date = t.day AND destroy_after > t.due")
              .execute(Tuple.of(zone.getId(), from, until).addArrayOfString(locations)
                  .addArrayOfLocalDate(days.toArray(LocalDate[]::new)).addArrayOfOffsetDateTime(dues))
              .map(updated -> updated.rowCount());
        });
  }

  /** Adds one to the slot's count; the count is kept as long as the longest retention that applies to it. */
  public Future<Void> count(SqlClient client, TenantId tenant, String location, TimeBucket bucket,
      Instant destroyAfter) {
    return client.preparedQuery("INSERT INTO " + tenant.table("decline_count")
            + " AS d (location, visited_bucket, bucket_minutes, declined, destroy_after) VALUES ($1, $2, $3, 1, $4)"
            + " ON CONFLICT (location, visited_bucket) DO UPDATE SET declined = d.declined + 1,"
            + " destroy_after = greatest(d.destroy_after, excluded.destroy_after)")
        .execute(Tuple.of(location, Timestamps.utc(bucket.start()), bucket.minutes(),
            Timestamps.utc(destroyAfter)))
        .mapEmpty();
  }
}
