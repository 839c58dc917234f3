package org.folio.contacttracing.mandate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.failure.FieldError;

/**
 * One check-in with the authority about when logging can stop, and what came of it. The authority's contact is
 * named by name and role only: an official of the authority, never a visitor, and no contact details.
 *
 * @param reviewedOn the library day the check-in was held
 * @param nextReviewBy for {@code continue} and {@code amend}: when to check in next, which becomes the mandate's
 *     {@code reviewBy}
 * @param endOn for {@code end}: the last day of logging, which becomes the mandate's {@code effectiveUntil}
 */
public record MandateReview(
    UUID id,
    UUID mandateId,
    LocalDate reviewedOn,
    String contactName,
    String contactRole,
    Outcome outcome,
    Optional<LocalDate> nextReviewBy,
    Optional<LocalDate> endOn,
    Optional<String> note,
    Optional<Metadata> metadata) {

  /** What the authority said. */
  public enum Outcome {
    /** Logging goes on as it is. */
    CONTINUE("continue"),
    /** The order changes; staff change the mandate to match. */
    AMEND("amend"),
    /** Logging stops after {@code endOn}. */
    END("end");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Optional<Outcome> ofCode(String code) {
      return Arrays.stream(values()).filter(outcome -> outcome.code.equals(code)).findFirst();
    }
  }

  /**
   * What stops this review from being recorded against the mandate as it is now; empty when nothing does. A
   * review never extends a mandate and never moves its start.
   */
  public List<FieldError> problems(Mandate mandate, LocalDate today) {
    List<FieldError> problems = new ArrayList<>();
    if (reviewedOn.isAfter(today)) {
      problems.add(new FieldError("invalid_value", "reviewedOn", "reviewedOn must not be in the future"));
    }
    if (outcome == Outcome.END) {
      if (nextReviewBy.isPresent()) {
        problems.add(new FieldError("not_for_outcome", "nextReviewBy",
            "nextReviewBy is for the outcomes continue and amend; an ended mandate needs no further review"));
      }
      if (endOn.isEmpty()) {
        problems.add(new FieldError("field_required", "endOn", "endOn is required for the outcome end"));
      }
      endOn.filter(end -> end.isBefore(mandate.effectiveFrom())).ifPresent(end -> problems.add(new FieldError(
          "invalid_period", "endOn", "endOn must not be before the mandate's effectiveFrom")));
      endOn.filter(end -> mandate.effectiveUntil().map(end::isAfter).orElse(false)).ifPresent(end -> problems.add(
          new FieldError("invalid_period", "endOn", "endOn must not be after the mandate's effectiveUntil")));
    } else {
      if (endOn.isPresent()) {
        problems.add(new FieldError("not_for_outcome", "endOn", "endOn is only for the outcome end"));
      }
      if (nextReviewBy.isEmpty()) {
        problems.add(new FieldError("field_required", "nextReviewBy",
            "nextReviewBy is required for the outcomes continue and amend"));
      }
      nextReviewBy.filter(next -> !next.isAfter(reviewedOn)).ifPresent(next -> problems.add(new FieldError(
          "invalid_value", "nextReviewBy", "nextReviewBy must be after reviewedOn")));
    }
    return problems;
  }

  /** The mandate as this review leaves it: ended after {@code endOn}, or due for its next review. */
  public Mandate applyTo(Mandate mandate) {
    Optional<LocalDate> until = outcome == Outcome.END ? endOn : mandate.effectiveUntil();
    LocalDate reviewBy = outcome == Outcome.END ? mandate.reviewBy() : nextReviewBy.orElseThrow();
    return new Mandate(mandate.id(), mandate.authority(), mandate.reference(), mandate.effectiveFrom(), until,
        reviewBy, mandate.collectedFields(), mandate.fieldRules(), mandate.retentionDays(), mandate.locations(),
        mandate.metadata());
  }

  /**
   * Whether staff must check in with the authority about this mandate: its {@code reviewBy} has come, logging
   * under it has not stopped, and no review has already ended it.
   */
  public static boolean dueFor(Mandate mandate, Optional<MandateReview> lastReview, LocalDate today) {
    return mandate.reviewDue(today)
        && mandate.status(today) != Mandate.Status.ENDED
        && lastReview.map(review -> review.outcome() != Outcome.END).orElse(true);
  }
}
