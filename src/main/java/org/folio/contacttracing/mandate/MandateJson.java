package org.folio.contacttracing.mandate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.failure.FieldError;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.json.ReadOnlyFields;

/** Turns a mandate body into a {@link Mandate}, applying the rules the schema cannot express, and back. */
final class MandateJson {

  private MandateJson() {
  }

  /**
   * Reads a body already checked against mandate.json. Read-only properties are checked by {@link #readOnly}.
   *
   * @param id the id to use when the body has none
   */
  static Mandate fromJson(JsonObject json, UUID id) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate from = date(json, "effectiveFrom", errors);
    Optional<LocalDate> until = Optional.ofNullable(json.getString("effectiveUntil"))
        .map(value -> date(json, "effectiveUntil", errors));
    LocalDate reviewBy = date(json, "reviewBy", errors);
    Set<ContactField> fields = fields(json.getJsonArray("collectedFields"));
    FieldRules rules = new FieldRules(fields(json.getJsonArray("optionalFields", new JsonArray())),
        json.getJsonArray("requireOneOf", new JsonArray()).stream().map(group -> fields((JsonArray) group)).toList());
    if (fields.stream().noneMatch(ContactField::identifying)) {
      errors.add(new FieldError("no_identifying_field", "collectedFields",
          "collectedFields must include at least one of name, phone, email"));
    } else {
      errors.addAll(rules.inconsistencies(fields));
    }
    if (from != null && until.isPresent() && until.get().isBefore(from)) {
      errors.add(new FieldError("invalid_period", "effectiveUntil", "effectiveUntil must not be before effectiveFrom"));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    List<String> locations = json.getJsonArray("locations", new JsonArray()).stream()
        .map(String.class::cast).toList();
    return new Mandate(
        Optional.ofNullable(json.getString("id")).map(UUID::fromString).orElse(id),
        Authority.fromJson(json.getJsonObject("authority")),
        json.getString("reference"),
        from,
        until,
        reviewBy,
        java.util.Collections.unmodifiableSet(fields),
        rules,
        json.getInteger("retentionDays"),
        locations,
        Optional.empty());
  }

  private static Set<ContactField> fields(JsonArray properties) {
    Set<ContactField> fields = new LinkedHashSet<>();
    for (Object value : properties) {
      ContactField.ofProperty((String) value).ifPresent(fields::add);
    }
    return fields;
  }

  private static LocalDate date(JsonObject json, String field, List<FieldError> errors) {
    try {
      return LocalDate.parse(json.getString(field));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("invalid_value", field, field + " must be a date YYYY-MM-DD"));
      return null;
    }
  }

  /**
   * The read-only properties of a PUT body against the stored mandate: status and reviewDue as a GET would have
   * computed them today, before the change; metadata is ignored.
   */
  static ReadOnlyFields readOnly(JsonObject json, Mandate stored, LocalDate today) {
    return ReadOnlyFields.of(json).uuid("id", stored.id())
        .value("status", stored.status(today).code())
        .value("reviewDue", stored.reviewDue(today));
  }

  static JsonObject toJson(Mandate mandate, LocalDate today) {
    JsonObject json = new JsonObject()
        .put("id", mandate.id().toString())
        .put("authority", mandate.authority().toJson())
        .put("reference", mandate.reference())
        .put("effectiveFrom", mandate.effectiveFrom().toString());
    mandate.effectiveUntil().ifPresent(until -> json.put("effectiveUntil", until.toString()));
    json.put("reviewBy", mandate.reviewBy().toString())
        .put("collectedFields", new JsonArray(mandate.collectedFields().stream().map(ContactField::property).toList()))
        .put("optionalFields", new JsonArray(FieldRules.sorted(mandate.fieldRules().optional())))
        .put("requireOneOf", new JsonArray(mandate.fieldRules().requireOneOf().stream()
            .map(group -> new JsonArray(FieldRules.sorted(group))).toList()))
        .put("retentionDays", mandate.retentionDays())
        .put("locations", new JsonArray(mandate.locations()))
        .put("status", mandate.status(today).code())
        .put("reviewDue", mandate.reviewDue(today));
    mandate.metadata().map(Metadata::toJson).ifPresent(metadata -> json.put("metadata", metadata));
    return json;
  }
}
