package org.folio.contacttracing.disclosure;

import java.time.Duration;
import java.time.Instant;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * A disclosure holding records back from destruction: while it is pending, or approved with its release window
 * open, it holds every record (entry, decline count, paper log) whose period overlaps its window at one of its
 * locations, at most {@code maxHoldDays} past the record's own destruction date. Stated once here in Java and once
 * in SQL beside it; {@code HoldSqlAgreesTest} proves the two agree.
 */
public final class Hold {
  private Hold() {
  }

  /** Whether {@code d} holds a record of {@code location} covering {@code from} (inclusive) to {@code until}. */
  public static boolean holds(Disclosure d, Instant now, Instant from, Instant until, String location) {
    Disclosure.Status status = d.status(now);
    return (status == Disclosure.Status.PENDING || status == Disclosure.Status.APPROVED)
        && from.isBefore(d.to()) && until.isAfter(d.from())
        && (d.locations().isEmpty() || d.locations().contains(location));
  }

  /** Whether no hold can keep a record due at {@code due} any longer. */
  public static boolean over(Instant due, int maxHoldDays, Instant now) {
    return !now.isBefore(due.plus(Duration.ofDays(maxHoldDays)));
  }

  /** {@link #holds} in SQL: the disclosure row {@code d} and SQL expressions for the other arguments. */
  public static String holdsSql(String d, String now, String from, String until, String location) {
    return "((" + d + ".status = 'pending' OR (" + d + ".status = 'approved' AND NOT "
        + Disclosure.windowClosedSql(d + ".release_expires_at", now) + "))"
        + " AND " + from + " < " + d + ".window_to AND " + until + " > " + d + ".window_from"
        + " AND (cardinality(" + d + ".locations) = 0 OR " + location + " = ANY(" + d + ".locations)))";
  }

  /** {@link #over} in SQL; its days are the session's calendar days, 24 hours as in Java under UTC. */
  public static String overSql(String due, String maxHoldDays, String now) {
    return "(" + now + " >= " + due + " + make_interval(days => " + maxHoldDays + "::int))";
  }

  /**
   * A slotted row {@code r} (visited_bucket, bucket_minutes, location, destroy_after) that no disclosure of the
   * tenant holds any longer at {@code now}, with the hold ending {@code maxHoldDays} past destroy_after.
   */
  public static String notHeldSql(TenantId tenant, String now, String maxHoldDays) {
    return "(" + overSql("r.destroy_after", maxHoldDays, now) + " OR NOT EXISTS (SELECT 1 FROM "
        + tenant.table("disclosure")
        + " d WHERE " + holdsSql("d", now, "r.visited_bucket", "r.visited_bucket + make_interval(mins => "
        + "r.bucket_minutes)", "r.location") + "))";
  }
}
