package org.folio.contacttracing.mandate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The coarse time slot a visit is stored in, so that it cannot be joined with a loan's exact timestamp.
 * Slots are cut on the library's wall clock, so a 15-minute slot starts at :00, :15, :30 or :45 local time
 * in every time zone, across daylight-saving changes too.
 *
 * @param start first instant of the slot
 * @param minutes length of the slot
 * @param day the library's calendar day the slot starts on
 */
public record TimeBucket(Instant start, int minutes, LocalDate day) {

  public static TimeBucket of(Instant at, ZoneId zone, int minutes) {
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
    ZonedDateTime start = hour.plusMinutes((long) (local.getMinute() / minutes) * minutes);
    return new TimeBucket(start.toInstant(), minutes, start.toLocalDate());
  }

  public Instant end() {
    return start.plus(Duration.ofMinutes(minutes));
  }

  /** Whether the slot overlaps {@code [from, to)}; open ends are unbounded. */
  public boolean overlaps(Instant from, Instant to) {
    return (from == null || end().isAfter(from)) && (to == null || start.isBefore(to));
  }
}
