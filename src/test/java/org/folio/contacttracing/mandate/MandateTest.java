package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of one mandate, without a database: when and where it allows logging, and when entries go. */
class MandateTest {
  private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
  private static final LocalDate MARCH_31 = LocalDate.of(2026, 3, 31);

  private static Mandate mandate(LocalDate from, LocalDate until, LocalDate reviewBy, List<String> locations) {
    return mandate(from, until, reviewBy, locations, 21);
  }

  private static Mandate mandate(LocalDate from, LocalDate until, LocalDate reviewBy, List<String> locations,
      int retentionDays) {
    return new Mandate(UUID.randomUUID(), new Authority("public-health-agency", "County Health Department"),
        "Public Health Order 2026-07", from, Optional.ofNullable(until), reviewBy,
        EnumSet.of(ContactField.NAME, ContactField.PHONE), retentionDays, locations, Optional.empty());
  }

  private static Mandate period(LocalDate from, LocalDate until, String... locations) {
    return mandate(from, until, from.plusDays(30), List.of(locations));
  }

  // --- in force, covers, allowsLogging ---

  @Test
  void inForceFromEffectiveFromThroughEffectiveUntilInclusive() {
    Mandate m = period(MARCH_1, MARCH_31);
    assertThat(m.inForceOn(MARCH_1.minusDays(1))).isFalse();
    assertThat(m.inForceOn(MARCH_1)).isTrue();
    assertThat(m.inForceOn(LocalDate.of(2026, 3, 15))).isTrue();
    assertThat(m.inForceOn(MARCH_31)).as("effectiveUntil is the last day of logging").isTrue();
    assertThat(m.inForceOn(MARCH_31.plusDays(1))).as("logging stops by itself after effectiveUntil").isFalse();
  }

  @Test
  void withoutEffectiveUntilItStaysInForce() {
    Mandate m = period(MARCH_1, null);
    assertThat(m.inForceOn(MARCH_1.minusDays(1))).isFalse();
    assertThat(m.inForceOn(MARCH_1)).isTrue();
    assertThat(m.inForceOn(LocalDate.of(2030, 12, 31))).isTrue();
  }

  @Test
  void oneDayMandate() {
    Mandate m = period(MARCH_1, MARCH_1);
    assertThat(m.inForceOn(MARCH_1)).isTrue();
    assertThat(m.inForceOn(MARCH_1.plusDays(1))).isFalse();
    assertThat(m.inForceOn(MARCH_1.minusDays(1))).isFalse();
  }

  @Test
  void coversOnlyItsLocations() {
    Mandate m = period(MARCH_1, MARCH_31, "main-desk", "branch-north");
    assertThat(m.covers("main-desk")).isTrue();
    assertThat(m.covers("branch-north")).isTrue();
    assertThat(m.covers("branch-south")).isFalse();
    assertThat(m.covers("MAIN-DESK")).as("location codes are compared exactly").isFalse();
  }

  @Test
  void emptyLocationsCoverEveryLocation() {
    Mandate m = period(MARCH_1, MARCH_31);
    assertThat(m.covers("main-desk")).isTrue();
    assertThat(m.covers("anything.else_1")).isTrue();
  }

  @Test
  void allowsLoggingNeedsBothLocationAndDay() {
    Mandate m = period(MARCH_1, MARCH_31, "main-desk");
    assertThat(m.allowsLogging("main-desk", MARCH_1)).isTrue();
    assertThat(m.allowsLogging("main-desk", MARCH_31)).isTrue();
    assertThat(m.allowsLogging("main-desk", MARCH_31.plusDays(1))).isFalse();
    assertThat(m.allowsLogging("main-desk", MARCH_1.minusDays(1))).isFalse();
    assertThat(m.allowsLogging("branch-north", MARCH_1)).isFalse();
    assertThat(period(MARCH_1, MARCH_31).allowsLogging("branch-north", MARCH_1)).isTrue();
  }

  // --- status and review ---

  @Test
  void statusScheduledInForceEnded() {
    Mandate m = period(MARCH_1, MARCH_31);
    assertThat(m.status(MARCH_1.minusDays(1))).isEqualTo(Mandate.Status.SCHEDULED);
    assertThat(m.status(MARCH_1)).isEqualTo(Mandate.Status.IN_FORCE);
    assertThat(m.status(MARCH_31)).isEqualTo(Mandate.Status.IN_FORCE);
    assertThat(m.status(MARCH_31.plusDays(1))).isEqualTo(Mandate.Status.ENDED);
    assertThat(period(MARCH_1, null).status(LocalDate.of(2099, 1, 1))).isEqualTo(Mandate.Status.IN_FORCE);
  }

  @Test
  void statusCodesAreTheApiValues() {
    assertThat(Mandate.Status.SCHEDULED.code()).isEqualTo("scheduled");
    assertThat(Mandate.Status.IN_FORCE.code()).isEqualTo("in-force");
    assertThat(Mandate.Status.ENDED.code()).isEqualTo("ended");
  }

  @Test
  void reviewDueFromReviewByOn() {
    LocalDate reviewBy = LocalDate.of(2026, 3, 15);
    Mandate m = mandate(MARCH_1, null, reviewBy, List.of());
    assertThat(m.reviewDue(reviewBy.minusDays(1))).isFalse();
    assertThat(m.reviewDue(reviewBy)).isTrue();
    assertThat(m.reviewDue(reviewBy.plusDays(1))).isTrue();
    assertThat(m.reviewDue(reviewBy.plusYears(1))).isTrue();
  }

  // --- overlaps ---

  @Test
  void overlappingPeriodsAtTheSameLocationOverlap() {
    Mandate a = period(MARCH_1, MARCH_31, "main-desk");
    Mandate b = period(LocalDate.of(2026, 3, 15), LocalDate.of(2026, 4, 15), "main-desk");
    assertThat(a.overlaps(b)).isTrue();
    assertThat(b.overlaps(a)).isTrue();
  }

  @Test
  void periodsSharingOnlyTheBoundaryDayOverlap() {
    Mandate a = period(MARCH_1, MARCH_31, "main-desk");
    Mandate b = period(MARCH_31, LocalDate.of(2026, 4, 30), "main-desk");
    assertThat(a.overlaps(b)).as("effectiveUntil is inclusive").isTrue();
    assertThat(b.overlaps(a)).isTrue();
  }

  @Test
  void adjacentPeriodsDoNotOverlap() {
    Mandate a = period(MARCH_1, MARCH_31, "main-desk");
    Mandate b = period(MARCH_31.plusDays(1), LocalDate.of(2026, 4, 30), "main-desk");
    assertThat(a.overlaps(b)).isFalse();
    assertThat(b.overlaps(a)).isFalse();
  }

  @Test
  void openEndedMandateOverlapsEveryLaterOne() {
    Mandate open = period(MARCH_1, null, "main-desk");
    Mandate later = period(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31), "main-desk");
    Mandate earlier = period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28), "main-desk");
    assertThat(open.overlaps(later)).isTrue();
    assertThat(later.overlaps(open)).isTrue();
    assertThat(open.overlaps(earlier)).isFalse();
    assertThat(earlier.overlaps(open)).isFalse();
    assertThat(open.overlaps(period(LocalDate.of(2027, 1, 1), null, "main-desk"))).isTrue();
  }

  @Test
  void disjointLocationsDoNotOverlap() {
    Mandate a = period(MARCH_1, MARCH_31, "main-desk");
    Mandate b = period(MARCH_1, MARCH_31, "branch-north", "branch-south");
    assertThat(a.overlaps(b)).isFalse();
    assertThat(b.overlaps(a)).isFalse();
  }

  @Test
  void sharedLocationOverlaps() {
    Mandate a = period(MARCH_1, MARCH_31, "main-desk", "branch-north");
    Mandate b = period(MARCH_1, MARCH_31, "branch-south", "branch-north");
    assertThat(a.overlaps(b)).isTrue();
    assertThat(b.overlaps(a)).isTrue();
  }

  @Test
  void emptyLocationsMeanAllAndOverlapAnyLocation() {
    Mandate all = period(MARCH_1, MARCH_31);
    Mandate one = period(LocalDate.of(2026, 3, 20), null, "branch-north");
    assertThat(all.overlaps(one)).isTrue();
    assertThat(one.overlaps(all)).isTrue();
    assertThat(all.overlaps(period(MARCH_1, MARCH_31))).isTrue();
  }

  @Test
  void allLocationsInDisjointPeriodsDoNotOverlap() {
    Mandate all = period(MARCH_1, MARCH_31);
    assertThat(all.overlaps(period(LocalDate.of(2026, 4, 1), null))).isFalse();
    assertThat(all.overlaps(period(LocalDate.of(2026, 4, 1), null, "main-desk"))).isFalse();
  }

  // --- destroyAfter ---

  @Test
  void destroyAfterIsStartOfTheDayAfterRetentionInUtc() {
    Mandate m = mandate(MARCH_1, null, MARCH_31, List.of(), 21);
    LocalDate visit = LocalDate.of(2026, 3, 2);
    assertThat(m.destroyAfter(visit, ZoneOffset.UTC).toInstant())
        .isEqualTo(Instant.parse("2026-03-24T00:00:00Z"));
  }

  @Test
  void destroyAfterWithOneDayRetention() {
    Mandate m = mandate(MARCH_1, null, MARCH_31, List.of(), 1);
    assertThat(m.destroyAfter(LocalDate.of(2026, 3, 2), ZoneId.of("UTC")).toInstant())
        .as("a visit on 2 March with one day of retention is kept through 3 March")
        .isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
  }

  @Test
  void destroyAfterIsCountedInTheLibrarysZone() {
    Mandate m = mandate(MARCH_1, null, MARCH_31, List.of(), 21);
    ZoneId chicago = ZoneId.of("America/Chicago");
    // 2 March + 22 days = 24 March; DST started on 8 March, so midnight is at 05:00Z
    assertThat(m.destroyAfter(LocalDate.of(2026, 3, 2), chicago).toInstant())
        .isEqualTo(Instant.parse("2026-03-24T05:00:00Z"));
    assertThat(m.destroyAfter(LocalDate.of(2026, 3, 2), chicago).toLocalDateTime())
        .isEqualTo(LocalDateTime.of(2026, 3, 24, 0, 0));
    ZoneId auckland = ZoneId.of("Pacific/Auckland");
    assertThat(m.destroyAfter(LocalDate.of(2026, 3, 2), auckland).toInstant())
        .isEqualTo(Instant.parse("2026-03-23T11:00:00Z"));
  }

  @Test
  void destroyAfterWithMaximumRetention() {
    Mandate m = mandate(MARCH_1, null, MARCH_31, List.of(), 366);
    assertThat(m.destroyAfter(LocalDate.of(2026, 3, 2), ZoneOffset.UTC).toLocalDate())
        .isEqualTo(LocalDate.of(2027, 3, 4));
  }

  @Test
  void destroyAfterWhenMidnightDoesNotExistIsTheFirstMomentOfThatDay() {
    // Cuba moves its clocks from 00:00 to 01:00 on 8 March 2026: that day starts at 01:00 local time
    Mandate m = mandate(MARCH_1, null, MARCH_31, List.of(), 5);
    ZoneId havana = ZoneId.of("America/Havana");
    assertThat(m.destroyAfter(LocalDate.of(2026, 3, 2), havana).toInstant())
        .isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
  }
}
