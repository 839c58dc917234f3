package org.folio.contacttracing.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.Expired;
import org.folio.contacttracing.platform.failure.Invalid;
import org.junit.jupiter.api.Test;

/** The disclosure's lifecycle without a database: status, the two-person rule, releasable, expired, the hold. */
class DisclosureTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final UUID ALICE = UUID.randomUUID();
  static final UUID BOB = UUID.randomUUID();

  static Disclosure disclosure(Disclosure.Status status, Optional<Instant> releaseExpiresAt, List<String> locations) {
    Optional<Disclosure.Decision> decision = status == Disclosure.Status.PENDING || status == Disclosure.Status.REFUSED
        ? Optional.empty()
        : Optional.of(new Disclosure.Decision(status == Disclosure.Status.APPROVED ? "approve" : "deny", BOB,
            NOW.minusSeconds(60), Optional.empty(), releaseExpiresAt));
    return new Disclosure(UUID.randomUUID(), status, Optional.empty(),
        new Disclosure.Recipient("public-health-agency", "County Health", Optional.empty()), "order 7",
        Optional.empty(), Optional.empty(), "case 1", Instant.parse("2026-03-01T00:00:00Z"),
        Instant.parse("2026-03-08T00:00:00Z"), locations, ALICE, NOW.minusSeconds(3600), decision, 0, Optional.empty());
  }

  static Disclosure approvedUntil(Instant expiresAt) {
    return disclosure(Disclosure.Status.APPROVED, Optional.of(expiresAt), List.of());
  }

  @Test
  void onlyAPublicHealthAgencysRequestCanBecomePending() {
    assertThat(Disclosure.requestedBy("public-health-agency")).isEqualTo(Disclosure.Status.PENDING);
    assertThat(Disclosure.requestedBy("law-enforcement")).isEqualTo(Disclosure.Status.REFUSED);
    assertThat(Disclosure.requestedBy("other")).isEqualTo(Disclosure.Status.REFUSED);
  }

  @Test
  void anApprovalExpiresExactlyWhenItsWindowEnds() {
    Instant end = NOW.plusSeconds(1);
    assertThat(approvedUntil(end).status(NOW)).isEqualTo(Disclosure.Status.APPROVED);
    assertThat(approvedUntil(end).status(end)).isEqualTo(Disclosure.Status.EXPIRED);
    assertThat(approvedUntil(end).status(end.plusMillis(1))).isEqualTo(Disclosure.Status.EXPIRED);
  }

  @Test
  void onlyApprovalsExpire() {
    for (Disclosure.Status stored : List.of(Disclosure.Status.PENDING, Disclosure.Status.DENIED,
        Disclosure.Status.REFUSED)) {
      assertThat(disclosure(stored, Optional.of(NOW.minusSeconds(10)), List.of()).status(NOW)).isEqualTo(stored);
    }
  }

  @Test
  void expiredIsNeverAStoredStatus() {
    assertThatThrownBy(() -> Disclosure.Status.stored("expired")).isInstanceOf(IllegalStateException.class);
    assertThat(Disclosure.Status.stored("approved")).isEqualTo(Disclosure.Status.APPROVED);
    assertThat(Disclosure.Status.codes()).containsExactly("pending", "approved", "denied", "refused", "expired");
  }

  @Property
  void expiredIsTheSameRuleForTheStatusAndForSql(@ForAll @LongRange(min = -100_000, max = 100_000) long offset) {
    Instant end = NOW.plusMillis(offset);
    assertThat(Disclosure.windowClosed(end, NOW)).isEqualTo(offset <= 0);
    assertThat(approvedUntil(end).status(NOW) == Disclosure.Status.EXPIRED).isEqualTo(offset <= 0);
  }

  @Test
  void theTwoPersonRuleRefusesTheRequesterAsDecider() {
    Disclosure pending = disclosure(Disclosure.Status.PENDING, Optional.empty(), List.of());
    assertThatThrownBy(() -> pending.checkDecidableBy(ALICE)).isInstanceOf(Invalid.class)
        .hasMessageContaining("different staff member");
    pending.checkDecidableBy(BOB);
  }

  @Test
  void onlyAPendingRequestCanBeDecided() {
    assertThatThrownBy(() -> disclosure(Disclosure.Status.REFUSED, Optional.empty(), List.of()).checkDecidableBy(BOB))
        .isInstanceOf(Conflict.class).hasMessageContaining("can never be approved");
    for (Disclosure.Status decided : List.of(Disclosure.Status.APPROVED, Disclosure.Status.DENIED)) {
      assertThatThrownBy(() -> disclosure(decided, Optional.of(NOW.plusSeconds(60)), List.of()).checkDecidableBy(BOB))
          .isInstanceOf(Conflict.class).hasMessageContaining("already been decided");
    }
    assertThat(Disclosure.decidedAs("approve")).isEqualTo(Disclosure.Status.APPROVED);
    assertThat(Disclosure.decidedAs("deny")).isEqualTo(Disclosure.Status.DENIED);
  }

  @Test
  void releasableOnlyWhileAnApprovalsWindowIsOpen() {
    approvedUntil(NOW.plus(Duration.ofHours(1))).checkReleasable(NOW);
    assertThatThrownBy(() -> approvedUntil(NOW).checkReleasable(NOW)).isInstanceOf(Expired.class);
    for (Disclosure.Status other : List.of(Disclosure.Status.PENDING, Disclosure.Status.DENIED,
        Disclosure.Status.REFUSED)) {
      assertThatThrownBy(() -> disclosure(other, Optional.empty(), List.of()).checkReleasable(NOW))
          .isInstanceOf(Conflict.class).hasMessageContaining(other.code());
    }
  }

  @Test
  void aPendingOrOpenApprovalHoldsOverlappingRecordsAtItsLocations() {
    Instant from = Instant.parse("2026-03-07T23:45:00Z");
    Instant until = Instant.parse("2026-03-08T00:00:00Z");
    Disclosure pending = disclosure(Disclosure.Status.PENDING, Optional.empty(), List.of("main"));
    assertThat(Hold.holds(pending, NOW, from, until, "main")).isTrue();
    assertThat(Hold.holds(pending, NOW, from, until, "branch")).as("another location").isFalse();
    assertThat(Hold.holds(pending, NOW, until, until.plusSeconds(900), "main")).as("after the window").isFalse();
    assertThat(Hold.holds(approvedUntil(NOW.plusSeconds(1)), NOW, from, until, "any")).isTrue();
    assertThat(Hold.holds(approvedUntil(NOW), NOW, from, until, "any")).as("expired").isFalse();
    assertThat(Hold.holds(disclosure(Disclosure.Status.DENIED, Optional.empty(), List.of()), NOW, from, until, "x"))
        .as("denied").isFalse();
    assertThat(Hold.holds(disclosure(Disclosure.Status.REFUSED, Optional.empty(), List.of()), NOW, from, until, "x"))
        .as("refused").isFalse();
  }

  @Test
  void noHoldLastsBeyondMaxHoldDaysPastTheDestructionDate() {
    Instant due = NOW.minus(Duration.ofDays(3));
    assertThat(Hold.over(due, 3, NOW)).isTrue();
    assertThat(Hold.over(due, 4, NOW)).isFalse();
    assertThat(Hold.over(due, 3, NOW.minusMillis(1))).isFalse();
  }
}
