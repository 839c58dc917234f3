package org.folio.contacttracing.mandate;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.failure.FieldError;
import org.folio.contacttracing.platform.failure.Invalid;

/** Turns a review body into a {@link MandateReview}, and back. */
final class MandateReviewJson {

  private MandateReviewJson() {
  }

  /** Reads a body already checked against mandateReview.json; read-only properties a client sends are ignored. */
  static MandateReview fromJson(JsonObject json, UUID mandateId, UUID id, Metadata metadata) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate reviewedOn = date(json, "reviewedOn", errors).orElse(null);
    Optional<LocalDate> nextReviewBy = date(json, "nextReviewBy", errors);
    Optional<LocalDate> endOn = date(json, "endOn", errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    JsonObject contact = json.getJsonObject("authorityContact");
    return new MandateReview(id, mandateId, reviewedOn, contact.getString("name"), contact.getString("role"),
        MandateReview.Outcome.ofCode(json.getString("outcome")).orElseThrow(),
        nextReviewBy, endOn, Optional.ofNullable(json.getString("note")), Optional.of(metadata));
  }

  private static Optional<LocalDate> date(JsonObject json, String field, List<FieldError> errors) {
    String value = json.getString(field);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("invalid_value", field, field + " must be a date YYYY-MM-DD"));
      return Optional.empty();
    }
  }

  static JsonObject toJson(MandateReview review) {
    JsonObject json = new JsonObject()
        .put("id", review.id().toString())
        .put("mandateId", review.mandateId().toString())
        .put("reviewedOn", review.reviewedOn().toString())
        .put("authorityContact", new JsonObject().put("name", review.contactName()).put("role", review.contactRole()))
        .put("outcome", review.outcome().code());
    review.nextReviewBy().ifPresent(next -> json.put("nextReviewBy", next.toString()));
    review.endOn().ifPresent(end -> json.put("endOn", end.toString()));
    review.note().ifPresent(note -> json.put("note", note));
    review.metadata().map(Metadata::toJson).ifPresent(metadata -> json.put("metadata", metadata));
    return json;
  }
}
