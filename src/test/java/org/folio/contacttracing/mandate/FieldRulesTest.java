package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.mandate.ContactField.EMAIL;
import static org.folio.contacttracing.mandate.ContactField.NAME;
import static org.folio.contacttracing.mandate.ContactField.PARTY_SIZE;
import static org.folio.contacttracing.mandate.ContactField.PHONE;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.folio.contacttracing.platform.failure.FieldError;

/** Which collected fields a visitor must give, as plain rules, without a database. */
class FieldRulesTest {
  private static final Set<ContactField> ALL = Set.of(NAME, PHONE, EMAIL, PARTY_SIZE);
  private static final FieldRules NAME_AND_PHONE_OR_EMAIL = new FieldRules(Set.of(PARTY_SIZE),
      List.of(Set.of(PHONE, EMAIL)));

  @Test
  void withoutRulesEveryCollectedFieldIsRequired() {
    assertThat(FieldRules.ALL_REQUIRED.required(ALL)).containsExactlyInAnyOrderElementsOf(ALL);
  }

  @Test
  void optionalFieldsAndGroupsAreNotRequiredEach() {
    assertThat(NAME_AND_PHONE_OR_EMAIL.required(ALL)).containsExactly(NAME);
    assertThat(NAME_AND_PHONE_OR_EMAIL.inconsistencies(ALL)).isEmpty();
  }

  @Test
  void aGroupOfWhichNothingIsGivenIsNamedWithItsFields() {
    List<FieldError> missing = NAME_AND_PHONE_OR_EMAIL.missing(ALL, Map.of(NAME, true, PARTY_SIZE, true));
    assertThat(missing).extracting(FieldError::code).containsExactly("one_of_required");
    assertThat(missing.get(0).names()).containsExactly("phone", "email");
    assertThat(NAME_AND_PHONE_OR_EMAIL.missing(ALL, Map.of(NAME, true, EMAIL, true))).isEmpty();
  }

  @Test
  void everyVisitMustCarryAWayToReachTheVisitor() {
    assertThat(new FieldRules(Set.of(PHONE, EMAIL), List.of()).inconsistencies(ALL))
        .extracting(FieldError::code).containsExactly("no_contact_guaranteed");
    assertThat(new FieldRules(Set.of(), List.of(Set.of(NAME, PHONE))).inconsistencies(Set.of(NAME, PHONE)))
        .extracting(FieldError::code).containsExactly("no_contact_guaranteed");
    assertThat(new FieldRules(Set.of(NAME), List.of()).inconsistencies(Set.of(NAME, PARTY_SIZE)))
        .extracting(FieldError::code).containsExactly("no_contact_guaranteed");
    assertThat(new FieldRules(Set.of(NAME, EMAIL), List.of()).inconsistencies(Set.of(NAME, PHONE, EMAIL))).isEmpty();
  }
}
