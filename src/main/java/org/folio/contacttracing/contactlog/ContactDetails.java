package org.folio.contacttracing.contactlog;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.platform.failure.FieldError;

/** The personal data of one visit: only ever the fields the mandate in force collects. */
public record ContactDetails(Optional<String> name, Optional<String> phone, Optional<String> email,
    Optional<Integer> partySize) {

  public static ContactDetails fromJson(JsonObject json) {
    return new ContactDetails(
        Optional.ofNullable(json.getString("name")),
        Optional.ofNullable(json.getString("phone")),
        Optional.ofNullable(json.getString("email")),
        Optional.ofNullable(json.getInteger("partySize")));
  }

  /** Which fields were given. */
  Map<ContactField, Boolean> present() {
    Map<ContactField, Boolean> present = new EnumMap<>(ContactField.class);
    present.put(ContactField.NAME, name.filter(v -> !v.isBlank()).isPresent());
    present.put(ContactField.PHONE, phone.filter(v -> !v.isBlank()).isPresent());
    present.put(ContactField.EMAIL, email.filter(v -> !v.isBlank()).isPresent());
    present.put(ContactField.PARTY_SIZE, partySize.isPresent());
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
    return new ContactDetails(
        name.filter(v -> fields.contains(ContactField.NAME)),
        phone.filter(v -> fields.contains(ContactField.PHONE)),
        email.filter(v -> fields.contains(ContactField.EMAIL)),
        partySize.filter(v -> fields.contains(ContactField.PARTY_SIZE)));
  }

  public void writeTo(JsonObject json) {
    name.ifPresent(v -> json.put("name", v));
    phone.ifPresent(v -> json.put("phone", v));
    email.ifPresent(v -> json.put("email", v));
    partySize.ifPresent(v -> json.put("partySize", v));
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
