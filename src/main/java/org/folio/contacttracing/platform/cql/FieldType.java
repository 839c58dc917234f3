package org.folio.contacttracing.platform.cql;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The type of a searchable field: how a term is read, and the SQL type its parameter is cast to. */
public enum FieldType {
  UUID("uuid", "a UUID"),
  DATE("date", "a date YYYY-MM-DD"),
  TIMESTAMP("timestamptz", "a date-time with offset, or a date YYYY-MM-DD meaning its start in UTC"),
  TEXT("text", "text"),
  ENUM("text", "one of its values"),
  BOOLEAN("boolean", "true or false"),
  INTEGER("bigint", "an integer");

  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private final String sqlType;
  private final String expected;

  FieldType(String sqlType, String expected) {
    this.sqlType = sqlType;
    this.expected = expected;
  }

  String sqlType() {
    return sqlType;
  }

  /** Reads a term as this type; a term that is not one is a 400 naming the field, never repeating the term. */
  Object parse(String field, String term, List<String> values) {
    try {
      return switch (this) {
        case UUID -> {
          if (!UUID_TEXT.matcher(term).matches()) {
            throw new IllegalArgumentException();
          }
          yield java.util.UUID.fromString(term);
        }
        case DATE -> inRange(LocalDate.parse(term));
        case TIMESTAMP -> term.length() == 10
            ? inRange(LocalDate.parse(term)).atStartOfDay().atOffset(ZoneOffset.UTC)
            : inRange(OffsetDateTime.parse(term));
        case TEXT -> term;
        case ENUM -> {
          if (!values.contains(term)) {
            throw new CqlException(field + " must be compared with one of " + String.join(", ", values));
          }
          yield term;
        }
        case BOOLEAN -> switch (term.toLowerCase(Locale.ROOT)) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> throw new IllegalArgumentException();
        };
        case INTEGER -> Long.parseLong(term);
      };
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new CqlException(field + " must be compared with " + expected);
    }
  }

  private static LocalDate inRange(LocalDate date) {
    if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
      throw new IllegalArgumentException();
    }
    return date;
  }

  private static OffsetDateTime inRange(OffsetDateTime time) {
    // java.time reads years up to 999,999,999, which overflow PostgreSQL's timestamps
    inRange(time.toLocalDate());
    return time;
  }
}
