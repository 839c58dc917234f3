package org.folio.contacttracing.contactlog;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.platform.failure.FieldError;

/**
 * The personal data of one visit: only ever the fields the mandate in force collects, each as {@link ContactField}
 * reads it from JSON (a string or an integer).
 */
public record ContactDetails(Map<ContactField, Object> values) {

  public ContactDetails {
    EnumMap<ContactField, Object> copy = new EnumMap<>(ContactField.class);
    values.forEach((field, value) -> {
      if (value != null) {
        copy.put(field, value);
      }
    });
    values = Collections.unmodifiableMap(copy);
  }

  public static ContactDetails fromJson(JsonObject json) {
    Map<ContactField, Object> values = new EnumMap<>(ContactField.class);
    for (ContactField field : ContactField.values()) {
      Object value = field.read(json);
      if (value != null) {
        values.put(field, value);
      }
    }
    return new ContactDetails(values);
  }

  public Optional<Object> get(ContactField field) {
    return Optional.ofNullable(values.get(field));
  }

  /** Which fields were given. */
  Map<ContactField, Boolean> present() {
    Map<ContactField, Boolean> present = new EnumMap<>(ContactField.class);
    for (ContactField field : ContactField.values()) {
      present.put(field, field.given(values.get(field)));
    }
    return present;
  }

  /**
   * The mandate's rule: no field it does not collect, every field it requires, and one of each of its one-of
   * groups (see {@link org.folio.contacttracing.mandate.FieldRules}). Errors name the field, never its value.
   */
  public List<FieldError> check(Mandate mandate) {
    List<FieldError> errors = new ArrayList<>();
    Map<ContactField, Boolean> given = present();
    given.forEach((field, isGiven) -> {
      if (isGiven && !mandate.collectedFields().contains(field)) {
        errors.add(new FieldError("field_not_mandated", field.property(),
            field.property() + " is not collected by the mandate in force"));
      }
    });
    errors.addAll(mandate.fieldRules().missing(mandate.collectedFields(), given));
    return errors;
  }

  /** Only those of the details that are among {@code fields}: what is left when a mandate stops collecting one. */
  public ContactDetails only(Set<ContactField> fields) {
    Map<ContactField, Object> kept = new EnumMap<>(ContactField.class);
    values.forEach((field, value) -> {
      if (fields.contains(field)) {
        kept.put(field, value);
      }
    });
    return new ContactDetails(kept);
  }

  public void writeTo(JsonObject json) {
    values.forEach((field, value) -> json.put(field.property(), value));
  }

  /** The plaintext that is sealed; it exists only in memory. */
  public byte[] toBytes() {
    JsonObject json = new JsonObject();
    writeTo(json);
    return json.toBuffer().getBytes();
  }

  static ContactDetails fromBytes(byte[] bytes) {
    return fromJson(new JsonObject(io.vertx.core.buffer.Buffer.buffer(bytes)));
  }

  /** Never prints the data itself, so a stray log statement cannot leak it. */
  @Override
  public String toString() {
    return "ContactDetails[redacted]";
  }
}
