package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.folio.contacttracing.platform.failure.FieldError;

/** What a check-in with the authority does to its mandate, and when one is due: plain rules, no database. */
class MandateReviewRulesTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-03-02");

  private static Mandate mandate(String reviewBy, String until) {
    return new Mandate(UUID.randomUUID(), new Authority("public-health-agency", "County Health Department"),
        "Order 2026-17", LocalDate.parse("2026-03-01"), Optional.ofNullable(until).map(LocalDate::parse),
        LocalDate.parse(reviewBy), Set.of(ContactField.ofProperty("name").orElseThrow()), 21, List.of(),
        Optional.empty());
  }

  private static MandateReview review(MandateReview.Outcome outcome, String next, String end) {
    return new MandateReview(UUID.randomUUID(), UUID.randomUUID(), TODAY, "Dana Whitfield", "Health Officer",
        outcome, Optional.ofNullable(next).map(LocalDate::parse), Optional.ofNullable(end).map(LocalDate::parse),
        Optional.empty(), Optional.empty());
  }

  @Test
  void continueMovesOnlyTheNextReview() {
    Mandate before = mandate("2026-03-01", null);
    Mandate after = review(MandateReview.Outcome.CONTINUE, "2026-03-30", null).applyTo(before);
    assertThat(after.reviewBy()).isEqualTo(LocalDate.parse("2026-03-30"));
    assertThat(after.effectiveUntil()).isEmpty();
    assertThat(after.reviewDue(TODAY)).isFalse();
  }

  @Test
  void endSetsTheLastDayAndKeepsTheReviewDate() {
    Mandate before = mandate("2026-03-01", null);
    Mandate after = review(MandateReview.Outcome.END, null, "2026-03-05").applyTo(before);
    assertThat(after.effectiveUntil()).contains(LocalDate.parse("2026-03-05"));
    assertThat(after.reviewBy()).isEqualTo(before.reviewBy());
    assertThat(after.allowsLogging("main", LocalDate.parse("2026-03-06"))).isFalse();
  }

  @Test
  void anEndNeverExtendsTheMandateNorPrecedesIt() {
    Mandate ending = mandate("2026-03-01", "2026-04-30");
    assertThat(review(MandateReview.Outcome.END, null, "2026-05-01").problems(ending, TODAY))
        .extracting(FieldError::code, FieldError::field).containsExactly(
            tuple("invalid_period", "endOn"));
    assertThat(review(MandateReview.Outcome.END, null, "2026-02-28").problems(ending, TODAY))
        .extracting(FieldError::code).containsExactly("invalid_period");
    assertThat(review(MandateReview.Outcome.END, null, "2026-04-30").problems(ending, TODAY)).isEmpty();
  }

  @Test
  void aReviewIsDueFromReviewByUntilLoggingStopsOrAReviewEndsIt() {
    Mandate due = mandate("2026-03-02", null);
    assertThat(MandateReview.dueFor(due, Optional.empty(), TODAY)).isTrue();
    assertThat(MandateReview.dueFor(due, Optional.empty(), TODAY.minusDays(1))).isFalse();
    assertThat(MandateReview.dueFor(due, Optional.of(review(MandateReview.Outcome.CONTINUE, "2026-03-02", null)),
        TODAY)).isTrue();
    assertThat(MandateReview.dueFor(due, Optional.of(review(MandateReview.Outcome.END, null, "2026-03-20")),
        TODAY)).isFalse();
    assertThat(MandateReview.dueFor(mandate("2026-03-01", "2026-03-01"), Optional.empty(), TODAY)).isFalse();
  }
}
