package org.folio.contacttracing.platform.json;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.folio.contacttracing.platform.failure.FieldError;
import org.folio.contacttracing.platform.failure.Invalid;

/**
 * Read-only properties a PUT sends back, as UIs send back the record they fetched: a property that says what is
 * stored is ignored, one that would change it is refused with 422 {@code read_only_field} naming it, never its
 * value. Values are compared by meaning: UUIDs in any case, timestamps as instants whatever their offset or
 * fractional digits. {@code metadata} is never compared, as RMB ignores it: someone else may have changed the
 * record since the GET.
 */
public final class ReadOnlyFields {
  public static final String CODE = "read_only_field";

  private final JsonObject body;
  private final List<FieldError> errors = new ArrayList<>();

  private ReadOnlyFields(JsonObject body) {
    this.body = body;
  }

  /** @param body a PUT body already checked against its schema */
  public static ReadOnlyFields of(JsonObject body) {
    return new ReadOnlyFields(body);
  }

  public ReadOnlyFields uuid(String field, UUID stored) {
    return compare(field, value -> {
      try {
        return UUID.fromString((String) value).equals(stored);
      } catch (IllegalArgumentException | ClassCastException e) {
        return false;
      }
    });
  }

  public ReadOnlyFields instant(String field, Instant stored) {
    return compare(field, value -> {
      try {
        return OffsetDateTime.parse((String) value).toInstant().equals(stored);
      } catch (DateTimeParseException | ClassCastException e) {
        return false;
      }
    });
  }

  /** A text, number or boolean the module computes, such as a status. */
  public ReadOnlyFields value(String field, Object stored) {
    return compare(field, value -> Objects.equals(value, stored));
  }

  /** @throws Invalid naming every read-only property that would change what is stored */
  public void check() {
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
  }

  private ReadOnlyFields compare(String field, java.util.function.Predicate<Object> same) {
    if (body.containsKey(field) && !same.test(body.getValue(field))) {
      errors.add(new FieldError(CODE, field, field + " is read-only and cannot be changed by a PUT; send the value "
          + "the GET returned, or leave it out"));
    }
    return this;
  }
}
