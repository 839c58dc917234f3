package org.folio.contacttracing.platform.http;

import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.failure.Malformed;

/** Typed query parameters; a malformed value is a 400 naming the parameter, never echoing it. */
public final class QueryParameters {
  public static final int DEFAULT_LIMIT = 10;
  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private final MultiMap params;

  QueryParameters(MultiMap params) {
    this.params = params;
  }

  public Optional<String> string(String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public int offset() {
    return integer("offset", 0, 0, Integer.MAX_VALUE);
  }

  /** {@code offset} and {@code limit}, clamped to the collection's {@code maxLimit}. */
  public Paging paging(int maxLimit) {
    return Paging.of(offset(), integer("limit", DEFAULT_LIMIT, 0, Integer.MAX_VALUE), maxLimit);
  }

  public int integer(String name, int fallback, int min, int max) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new Malformed(name + " must be an integer from " + min + " to " + max);
    }
  }

  /**
   * An ISO-8601 timestamp with offset, for example {@code 2026-03-01T10:15:00+01:00}, in the years 1 to 9999:
   * java.time parses years up to 999,999,999, which overflow instant and PostgreSQL arithmetic.
   */
  public Optional<OffsetDateTime> timestamp(String name) {
    return string(name).map(value -> {
      try {
        OffsetDateTime parsed = OffsetDateTime.parse(value);
        if (parsed.getYear() < MIN_YEAR || parsed.getYear() > MAX_YEAR) {
          throw new DateTimeParseException("year out of range", value, 0);
        }
        return parsed;
      } catch (DateTimeParseException e) {
        throw new Malformed(name + " must be an ISO-8601 date-time with offset");
      }
    });
  }

  /** A calendar date {@code YYYY-MM-DD}, in the years 1 to 9999. */
  public Optional<LocalDate> date(String name) {
    return string(name).map(value -> {
      try {
        LocalDate parsed = LocalDate.parse(value);
        if (parsed.getYear() < MIN_YEAR || parsed.getYear() > MAX_YEAR) {
          throw new DateTimeParseException("year out of range", value, 0);
        }
        return parsed;
      } catch (DateTimeParseException e) {
        throw new Malformed(name + " must be a date YYYY-MM-DD");
      }
    });
  }

  public Optional<UUID> uuid(String name) {
    return string(name).map(value -> Ids.parse(value, name));
  }
}
