package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.folio.contacttracing.platform.Memo;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.Unavailable;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The rule in front of every recorded visit, decline and correction: only at a location and moment with a mandate
 * in force, never in the future, and never so far back that the record would already be due for destruction. It is
 * also the one admission path: {@link #admitted} decides on what was read, and the caller's write confirms the
 * decision's {@link AdmissionStamp} in the statement that stores it.
 */
public final class LoggingGate {
  /** Fresh reads for one write before it gives way to concurrent changes. */
  static final int MAX_READS = 3;

  private final MandateLookup mandates;
  private final Clock clock;
  /** The rules last read per tenant, location and UTC day: most visits follow another at the same place. */
  private final Memo<AdmissionRules> remembered = new Memo<>();

  public LoggingGate(MandateLookup mandates, Clock clock) {
    this.mandates = mandates;
    this.clock = clock;
  }

  /** A write of what an admission allows, which stores nothing and answers empty when the admission no longer holds. */
  @FunctionalInterface
  public interface AdmittedWrite<T> {
    Future<Optional<T>> write(Admission admission);
  }

  /**
   * The moment of a visit: {@code visitedAt} (a body field, as text) or now.
   *
   * @throws Invalid when {@code visitedAt} is no date-time
   */
  public Instant moment(Optional<String> visitedAt) {
    return visitedAt.map(value -> Timestamps.parse(value, "visitedAt")).orElseGet(clock::instant);
  }

  /**
   * Admits a visit at {@code location} at {@code at} and writes it. The first decision may rest on rules read for an
   * earlier visit; when the write finds its stamps changed, or that decision refuses, the rules are read afresh and
   * the visit decided again. A refusal is only ever given on a fresh read.
   *
   * @return failed with {@link Invalid} ({@code no_mandate_in_force}, {@code invalid_value}, or the
   *     write's own) or, after {@value #MAX_READS} fresh reads that each went stale, {@link Unavailable}
   */
  public <T> Future<T> admitted(SqlClient client, TenantId tenant, String location, Instant at,
      AdmittedWrite<T> write) {
    return attempt(new Visit<>(client, tenant, location, at, write), 1, true);
  }

  /** Forgets rules past their minute, even where no one visits again. */
  public void forgetExpired() {
    remembered.forgetExpired();
  }

  private record Visit<T>(SqlClient client, TenantId tenant, String location, Instant at, AdmittedWrite<T> write) {
    String key() {
      return tenant.value() + '\u0000' + location + '\u0000' + Math.floorDiv(at.getEpochSecond(), 86_400);
    }
  }

  /** @param freshReads which fresh read this would be, from 1 */
  private <T> Future<T> attempt(Visit<T> visit, int freshReads, boolean mayRemember) {
    Optional<AdmissionRules> known = mayRemember ? remembered.get(visit.key()) : Optional.empty();
    if (known.isPresent()) {
      return decided(visit, known.get(), freshReads, true);
    }
    return mandates.admissionRules(visit.client(), visit.tenant(), visit.location(), visit.at()).compose(rules -> {
      remembered.put(visit.key(), rules);
      return decided(visit, rules, freshReads, false);
    });
  }

  private <T> Future<T> decided(Visit<T> visit, AdmissionRules rules, int freshReads, boolean fromMemo) {
    Future<Optional<T>> written;
    try {
      written = visit.write().write(decide(visit.location(), visit.at(), rules));
    } catch (Invalid refused) {
      written = Future.failedFuture(refused);
    }
    return written.transform(result -> {
      if (result.succeeded() && result.result().isPresent()) {
        return Future.succeededFuture(result.result().get());
      }
      if (result.failed() && !(fromMemo && result.cause() instanceof Invalid)) {
        return Future.failedFuture(result.cause());
      }
      // stale, or refused on remembered rules: decided again on a fresh read
      remembered.forget(visit.key());
      if (fromMemo) {
        return attempt(visit, freshReads, false);
      }
      return freshReads < MAX_READS ? attempt(visit, freshReads + 1, false)
          : Future.failedFuture(new Unavailable("the mandate or settings changed " + MAX_READS
              + " times while the visit was being stored"));
    });
  }

  /**
   * The rule itself, on what was read: the newest mandate in force at the location on the visit's library day.
   *
   * @throws Invalid {@code no_mandate_in_force} or {@code invalid_value}
   */
  public Admission decide(String location, Instant at, AdmissionRules rules) {
    Instant now = clock.instant();
    if (at.isAfter(now.plus(Timestamps.CLOCK_SKEW))) {
      throw new Invalid("invalid_value", "visitedAt", "visitedAt must not lie in the future");
    }
    TimeBucket bucket = TimeBucket.of(at, rules.zone(), rules.granularityMinutes());
    Mandate found = Mandate.inForce(rules.candidates(), location, bucket.day())
        .orElseThrow(() -> new Invalid("no_mandate_in_force", "location",
            "No mandate in force allows logging at this location at this time"));
    Instant destroyAfter = found.destroyAfter(bucket.day(), rules.zone()).toInstant();
    if (!destroyAfter.isAfter(now)) {
      throw new Invalid("invalid_value", "visitedAt",
          "visitedAt lies so far back that the mandate's retention period has already ended");
    }
    return new Admission(found, bucket, destroyAfter,
        new AdmissionStamp(found.id(), rules.mandateStamps().get(found.id())));
  }
}
