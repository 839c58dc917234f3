package org.folio.contacttracing.decline;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
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
