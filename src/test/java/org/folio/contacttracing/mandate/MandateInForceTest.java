package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.failure.Invalid;
import org.junit.jupiter.api.Test;

/** The mandate in force and LoggingGate's decision on what was read, without a database. */
class MandateInForceTest {
  private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  private static Mandate mandate(LocalDate from, LocalDate until, int retentionDays, String... locations) {
    return new Mandate(UUID.randomUUID(), new Authority("public-health-agency", "County Health Department"),
        "Order", from, Optional.ofNullable(until), from.plusDays(30), EnumSet.of(ContactField.NAME), retentionDays,
        List.of(locations), Optional.empty());
  }

  @Test
  void theNewestMandateThatAllowsLoggingThereThatDayIsInForce() {
    Mandate library = mandate(MARCH_1, null, 21);
    Mandate branch = mandate(MARCH_1.plusDays(5), MARCH_1.plusDays(9), 14, "branch");
    List<Mandate> both = List.of(library, branch);
    assertThat(Mandate.inForce(both, "branch", MARCH_1.plusDays(6))).contains(branch);
    assertThat(Mandate.inForce(both, "main", MARCH_1.plusDays(6))).contains(library);
    assertThat(Mandate.inForce(both, "branch", MARCH_1.plusDays(10))).contains(library);
    assertThat(Mandate.inForce(both, "branch", MARCH_1.minusDays(1))).isEmpty();
    assertThat(Mandate.allInForce(both, MARCH_1.plusDays(6))).containsExactly(branch, library);
    assertThat(Mandate.allInForce(both, MARCH_1.minusDays(1))).isEmpty();
  }

  private static LoggingGate gate() {
    return new LoggingGate(null, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static AdmissionRules rules(Mandate... candidates) {
    return new AdmissionRules(ZoneId.of("UTC"), 15, List.of(candidates), Map.of());
  }

  @Test
  void decideAdmitsUnderTheMandateInForceInACoarsenedSlot() {
    Mandate m = mandate(MARCH_1, null, 21);
    Admission admission = gate().decide("main", NOW.minusSeconds(100), rules(m));
    assertThat(admission.mandate()).isEqualTo(m);
    assertThat(admission.bucket().day()).isEqualTo(LocalDate.of(2026, 3, 10));
    assertThat(admission.destroyAfter()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
  }

  @Test
  void decideRefusesWithoutAMandateInTheFutureAndPastRetention() {
    assertThatThrownBy(() -> gate().decide("main", NOW, rules())).isInstanceOf(Invalid.class)
        .hasMessageContaining("No mandate in force");
    assertThatThrownBy(() -> gate().decide("main", NOW, rules(mandate(MARCH_1, null, 21, "branch"))))
        .isInstanceOf(Invalid.class).hasMessageContaining("No mandate in force");
    assertThatThrownBy(() -> gate().decide("main", NOW.plusSeconds(3600), rules(mandate(MARCH_1, null, 21))))
        .isInstanceOf(Invalid.class).hasMessageContaining("future");
    assertThatThrownBy(() -> gate().decide("main", Instant.parse("2026-03-01T10:00:00Z"),
        rules(mandate(MARCH_1, null, 2)))).isInstanceOf(Invalid.class).hasMessageContaining("retention period");
  }
}
