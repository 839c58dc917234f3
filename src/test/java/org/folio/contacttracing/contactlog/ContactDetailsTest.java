package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.mandate.Authority;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.FieldRules;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.platform.failure.FieldError;
import org.junit.jupiter.api.Test;

/** A visit's contact details against the mandate's rule, without a database; errors never carry a value. */
class ContactDetailsTest {
  private static Mandate collecting(Set<ContactField> fields, FieldRules rules) {
    return new Mandate(UUID.randomUUID(), new Authority("public-health-agency", "County"), "Order",
        java.time.LocalDate.of(2026, 3, 1), Optional.empty(), java.time.LocalDate.of(2026, 4, 1), fields, rules, 21,
        List.of(), Optional.empty());
  }

  private static List<String> codes(List<FieldError> errors) {
    return errors.stream().map(e -> e.code() + ":" + e.field()).toList();
  }

  @Test
  void everyCollectedFieldGivenPasses() {
    ContactDetails details = ContactDetails.fromJson(new JsonObject().put("name", "Ada").put("phone", "+1 555"));
    assertThat(details.check(collecting(EnumSet.of(ContactField.NAME, ContactField.PHONE), FieldRules.ALL_REQUIRED)))
        .isEmpty();
  }

  @Test
  void aFieldTheMandateDoesNotCollectIsRefusedByNameNeverByValue() {
    ContactDetails details = ContactDetails.fromJson(new JsonObject().put("name", "Ada").put("email", "ada@x.org"));
    List<FieldError> errors = details.check(collecting(EnumSet.of(ContactField.NAME), FieldRules.ALL_REQUIRED));
    assertThat(codes(errors)).containsExactly("field_not_mandated:email");
    assertThat(errors.toString()).doesNotContain("ada@x.org").doesNotContain("Ada");
  }

  @Test
  void aBlankRequiredFieldIsMissing() {
    ContactDetails details = ContactDetails.fromJson(new JsonObject().put("name", "  ").put("phone", "+1 555"));
    assertThat(codes(details.check(collecting(EnumSet.of(ContactField.NAME, ContactField.PHONE),
        FieldRules.ALL_REQUIRED)))).hasSize(1).allMatch(code -> code.endsWith(":name"));
  }

  @Test
  void anOptionalFieldMayBeLeftOut() {
    ContactDetails details = ContactDetails.fromJson(new JsonObject().put("name", "Ada"));
    assertThat(details.check(collecting(EnumSet.of(ContactField.NAME, ContactField.PARTY_SIZE),
        new FieldRules(Set.of(ContactField.PARTY_SIZE), List.of())))).isEmpty();
  }

  @Test
  void everyFieldRoundTripsThroughJsonAndOnlyKeepsWhatIsStillCollected() {
    JsonObject json = new JsonObject().put("name", "Ada").put("phone", "1").put("email", "a@x").put("partySize", 3);
    ContactDetails details = ContactDetails.fromJson(json);
    JsonObject written = new JsonObject();
    details.writeTo(written);
    assertThat(written).isEqualTo(json);
    assertThat(details.only(EnumSet.of(ContactField.NAME, ContactField.PARTY_SIZE)).values())
        .isEqualTo(Map.of(ContactField.NAME, "Ada", ContactField.PARTY_SIZE, 3));
    assertThat(details.toString()).doesNotContain("Ada");
  }
}
