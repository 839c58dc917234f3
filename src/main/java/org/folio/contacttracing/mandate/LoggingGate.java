package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.Settings;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * The rule in front of every recorded visit and decline: only at a location and moment with a mandate in
 * force, never in the future, and never so far back that the record would already be due for destruction.
 */
public final class LoggingGate {
  private final MandateLookup mandates;
  private final TenantSettings settings;
  private final Clock clock;

  public LoggingGate(MandateLookup mandates, TenantSettings settings, Clock clock) {
    this.mandates = mandates;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Admits a visit at {@code location}, at {@code visitedAt} (a body field, as text) or now.
   *
   * @throws Invalid (as a failed future) {@code no_mandate_in_force} or {@code invalid_value}
   */
  public Future<Admission> admit(SqlClient client, TenantId tenant, String location, Optional<String> visitedAt) {
    try {
      return admit(client, tenant, location, moment(visitedAt));
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * The moment of a visit: {@code visitedAt} (a body field, as text) or now.
   *
   * @throws Invalid when {@code visitedAt} is no date-time
   */
  public Instant moment(Optional<String> visitedAt) {
    return visitedAt.map(value -> Timestamps.parse(value, "visitedAt")).orElseGet(clock::instant);
  }

  /** Admits a visit at {@code location} at the moment {@code at}. */
  public Future<Admission> admit(SqlClient client, TenantId tenant, String location, Instant at) {
    // both sent at once: pipelined on the caller's connection, or in parallel on the pool's
    Future<Settings> read = settings.get(client, tenant);
    Future<List<Mandate>> candidates = mandates.inForceAround(client, tenant, location, at);
    return Future.all(read, candidates).compose(both -> {
      try {
        return Future.succeededFuture(decide(location, at, read.result().timeZone(),
            read.result().timeGranularityMinutes(), candidates.result()));
      } catch (Invalid e) {
        return Future.failedFuture(e);
      }
    });
  }

  /**
   * The rule itself, on what the caller read: the library's time zone and granularity, and the mandates that
   * may be in force at {@code at} ({@link MandateLookup#inForceAround}), newest first.
   *
   * @throws Invalid {@code no_mandate_in_force} or {@code invalid_value}
   */
  public Admission decide(String location, Instant at, ZoneId zone, int granularityMinutes,
      List<Mandate> candidates) {
    Instant now = clock.instant();
    if (at.isAfter(now.plus(Timestamps.CLOCK_SKEW))) {
      throw new Invalid("invalid_value", "visitedAt", "visitedAt must not lie in the future");
    }
    TimeBucket bucket = TimeBucket.of(at, zone, granularityMinutes);
    // the same rule as findInForce: the newest mandate in force on the library day
    Mandate found = candidates.stream().filter(mandate -> mandate.allowsLogging(location, bucket.day())).findFirst()
        .orElseThrow(() -> new Invalid("no_mandate_in_force", "location",
            "No mandate in force allows logging at this location at this time"));
    Instant destroyAfter = found.destroyAfter(bucket.day(), zone).toInstant();
    if (!destroyAfter.isAfter(now)) {
      throw new Invalid("invalid_value", "visitedAt",
          "visitedAt lies so far back that the mandate's retention period has already ended");
    }
    return new Admission(found, bucket, destroyAfter);
  }
}
