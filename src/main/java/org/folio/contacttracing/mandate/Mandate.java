package org.folio.contacttracing.mandate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.platform.Metadata;

/**
 * The legal basis for logging visitors at some locations for a period. Dates are days in the library's time
 * zone; the period includes both {@code effectiveFrom} and {@code effectiveUntil}.
 *
 * @param fieldRules which of the collected fields a visitor must give
 * @param locations the codes covered; empty means every location of the library
 */
public record Mandate(
    UUID id,
    Authority authority,
    String reference,
    LocalDate effectiveFrom,
    Optional<LocalDate> effectiveUntil,
    LocalDate reviewBy,
    Set<ContactField> collectedFields,
    FieldRules fieldRules,
    int retentionDays,
    List<String> locations,
    Optional<Metadata> metadata) {

  public enum Status {
    SCHEDULED("scheduled"), IN_FORCE("in-force"), ENDED("ended");

    private final String code;

    Status(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** A mandate that requires every field it collects, as every mandate did before optional fields. */
  public Mandate(UUID id, Authority authority, String reference, LocalDate effectiveFrom,
      Optional<LocalDate> effectiveUntil, LocalDate reviewBy, Set<ContactField> collectedFields, int retentionDays,
      List<String> locations, Optional<Metadata> metadata) {
    this(id, authority, reference, effectiveFrom, effectiveUntil, reviewBy, collectedFields, FieldRules.ALL_REQUIRED,
        retentionDays, locations, metadata);
  }

  public Mandate withMetadata(Metadata changed) {
    return new Mandate(id, authority, reference, effectiveFrom, effectiveUntil, reviewBy, collectedFields,
        fieldRules, retentionDays, locations, Optional.of(changed));
  }

  /** The collected fields every visitor must give. */
  public Set<ContactField> requiredFields() {
    return fieldRules.required(collectedFields);
  }

  public boolean covers(String location) {
    return locations.isEmpty() || locations.contains(location);
  }

  public boolean inForceOn(LocalDate day) {
    return !day.isBefore(effectiveFrom) && effectiveUntil.map(until -> !day.isAfter(until)).orElse(true);
  }

  /** Whether logging is allowed at this location on this day under this mandate. */
  public boolean allowsLogging(String location, LocalDate day) {
    return covers(location) && inForceOn(day);
  }

  /**
   * The mandate in force: of the mandates given, the newest (latest effectiveFrom) that allows logging at the
   * location on the day. The one statement of the rule; SQL only narrows the candidates it is given.
   */
  public static Optional<Mandate> inForce(Collection<Mandate> candidates, String location, LocalDate day) {
    return candidates.stream().filter(mandate -> mandate.allowsLogging(location, day))
        .max(Comparator.comparing(Mandate::effectiveFrom));
  }

  /** Every mandate in force somewhere on the day, newest first. */
  public static List<Mandate> allInForce(Collection<Mandate> candidates, LocalDate day) {
    return candidates.stream().filter(mandate -> mandate.inForceOn(day))
        .sorted(Comparator.comparing(Mandate::effectiveFrom).reversed().thenComparing(Mandate::id)).toList();
  }

  public Status status(LocalDate today) {
    if (today.isBefore(effectiveFrom)) {
      return Status.SCHEDULED;
    }
    return inForceOn(today) ? Status.IN_FORCE : Status.ENDED;
  }

  /** From {@code reviewBy} on, staff should check in with the authority about stopping. */
  public boolean reviewDue(LocalDate today) {
    return !today.isBefore(reviewBy);
  }

  /** Two mandates overlap when their periods share a day and their locations share a location. */
  public boolean overlaps(Mandate other) {
    LocalDate thisEnd = effectiveUntil.orElse(LocalDate.MAX);
    LocalDate otherEnd = other.effectiveUntil.orElse(LocalDate.MAX);
    boolean periodsMeet = !effectiveFrom.isAfter(otherEnd) && !other.effectiveFrom.isAfter(thisEnd);
    boolean locationsMeet = locations.isEmpty() || other.locations.isEmpty()
        || locations.stream().anyMatch(other.locations::contains);
    return periodsMeet && locationsMeet;
  }

  /**
   * When an entry of a visit on {@code visitDay} is destroyed: at the start of the day after the retention period,
   * counted in the library's time zone.
   */
  public ZonedDateTime destroyAfter(LocalDate visitDay, ZoneId zone) {
    return visitDay.plusDays(retentionDays + 1L).atStartOfDay(zone);
  }
}
