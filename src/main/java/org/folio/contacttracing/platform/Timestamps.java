package org.folio.contacttracing.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.folio.contacttracing.platform.failure.Invalid;

/** Timestamps travel as ISO-8601 with an offset, written in UTC with milliseconds as FOLIO does. */
public final class Timestamps {
  /**
   * Staff computers' clocks drift: a moment up to this far ahead of the server's clock counts as now, for a
   * visit's {@code visitedAt} as for the end of a disclosure window.
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private Timestamps() {
  }

  /** An instant as a SQL timestamptz parameter. */
  public static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  public static String format(Instant instant) {
    return FORMAT.format(instant.atOffset(ZoneOffset.UTC));
  }

  /** Parses a body field; a malformed value is a 422 naming the field. */
  public static Instant parse(String value, String field) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new Invalid("invalid_value", field, field + " must be an ISO-8601 date-time with offset");
    }
  }
}
