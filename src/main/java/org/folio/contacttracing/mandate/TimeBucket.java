package org.folio.contacttracing.mandate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
  /** The longest slot the settings allow; a slot overlapping {@code from} starts after {@code from} minus this. */
  public static final Duration LONGEST = Duration.ofMinutes(60);
  /** Time zones lie between UTC-12 and UTC+14: a library's day is at most one day off the UTC date. */
  private static final int MAX_DAYS_OFF_UTC = 1;

  public static TimeBucket of(Instant at, ZoneId zone, int minutes) {
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
    ZonedDateTime start = hour.plusMinutes((long) (local.getMinute() / minutes) * minutes);
    return new TimeBucket(start.toInstant(), minutes, start.toLocalDate());
  }

  /** The earliest slot start that can overlap a window beginning at {@code from}. */
  public static Instant earliestStartOverlapping(Instant from) {
    return from.minus(LONGEST);
  }

  /**
   * The first library day, in any time zone, of a slot overlapping a window that begins at {@code from}: lets
   * a query read only the day partitions a window covers.
   */
  public static LocalDate firstDayOverlapping(Instant from) {
    return earliestLibraryDay(earliestStartOverlapping(from));
  }

  /** The last library day, in any time zone, of a slot starting before {@code to}. */
  public static LocalDate lastDayBefore(Instant to) {
    return latestLibraryDay(to);
  }

  /** The earliest library day that the moment {@code at} falls on in any time zone. */
  public static LocalDate earliestLibraryDay(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).minusDays(MAX_DAYS_OFF_UTC);
  }

  /** The latest library day that the moment {@code at} falls on in any time zone. */
  public static LocalDate latestLibraryDay(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(MAX_DAYS_OFF_UTC);
  }

  public Instant end() {
    return start.plus(Duration.ofMinutes(minutes));
  }

  /** Whether the slot overlaps {@code [from, to)}; open ends are unbounded. */
  public boolean overlaps(Instant from, Instant to) {
    return (from == null || end().isAfter(from)) && (to == null || start.isBefore(to));
  }
}
