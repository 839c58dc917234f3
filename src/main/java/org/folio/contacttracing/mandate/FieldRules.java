package org.folio.contacttracing.mandate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.folio.contacttracing.platform.failure.FieldError;

/**
 * Which of the fields a mandate collects a visitor must give. A collected field is required unless the mandate
 * lists it among its optional fields or in a one-of group; of each one-of group at least one field must be given.
 * A mandate that collects a way to reach the visitor (phone or email) must guarantee one of them; one that
 * collects neither must require the name. A name alone is not a way to reach someone.
 *
 * @param optional collected fields a visitor may leave out
 * @param requireOneOf groups of collected fields of which a visitor gives at least one each
 */
public record FieldRules(Set<ContactField> optional, List<Set<ContactField>> requireOneOf) {
  /** Today's meaning, and that of every mandate from before optional fields: every collected field is required. */
  public static final FieldRules ALL_REQUIRED = new FieldRules(Set.of(), List.of());
  private static final Set<ContactField> WAYS_TO_REACH = EnumSet.of(ContactField.PHONE, ContactField.EMAIL);

  public FieldRules {
    optional = Set.copyOf(optional);
    requireOneOf = requireOneOf.stream().<Set<ContactField>>map(Set::copyOf).toList();
  }

  /** The collected fields a visitor must give each: neither optional nor in a one-of group. */
  public Set<ContactField> required(Set<ContactField> collected) {
    Set<ContactField> required = EnumSet.noneOf(ContactField.class);
    collected.stream().filter(field -> !optional.contains(field))
        .filter(field -> requireOneOf.stream().noneMatch(group -> group.contains(field)))
        .forEach(required::add);
    return required;
  }

  /** What is wrong with these rules for a mandate collecting {@code collected}; empty when nothing. */
  public List<FieldError> inconsistencies(Set<ContactField> collected) {
    List<FieldError> errors = new ArrayList<>();
    optional.stream().filter(field -> !collected.contains(field)).forEach(field -> errors.add(new FieldError(
        "field_not_collected", "optionalFields", "optionalFields names " + field.property()
        + ", which collectedFields does not", List.of("optionalFields", field.property()))));
    for (Set<ContactField> group : requireOneOf) {
      group.stream().filter(field -> !collected.contains(field)).forEach(field -> errors.add(new FieldError(
          "field_not_collected", "requireOneOf", "requireOneOf names " + field.property()
          + ", which collectedFields does not", List.of("requireOneOf", field.property()))));
      group.stream().filter(optional::contains).forEach(field -> errors.add(new FieldError(
          "field_optional_and_one_of", "requireOneOf", field.property()
          + " is in optionalFields and in a requireOneOf group; it can only be one", List.of("requireOneOf", field.property()))));
    }
    if (errors.isEmpty() && !guaranteesContact(collected)) {
      errors.add(new FieldError("no_contact_guaranteed", "optionalFields", collected.stream()
          .anyMatch(WAYS_TO_REACH::contains)
          ? "Every visit must give a phone or an email: require one of them, or both as a requireOneOf group"
          : "Without phone or email the name is the only way to identify a visitor, and must be required"));
    }
    return errors;
  }

  /**
   * Whether every visit the rules admit carries a way to reach the visitor: one of the collected phone and email
   * (required, or a one-of group of nothing else), or, when neither is collected, the name, required.
   */
  private boolean guaranteesContact(Set<ContactField> collected) {
    Set<ContactField> reach = EnumSet.noneOf(ContactField.class);
    collected.stream().filter(WAYS_TO_REACH::contains).forEach(reach::add);
    if (reach.isEmpty()) {
      reach = collected.contains(ContactField.NAME) ? EnumSet.of(ContactField.NAME) : reach;
    }
    Set<ContactField> ways = reach;
    return required(collected).stream().anyMatch(ways::contains)
        || requireOneOf.stream().anyMatch(ways::containsAll);
  }

  /** What a visit giving these fields lacks: each required field and each group of which none is given. */
  public List<FieldError> missing(Set<ContactField> collected, Map<ContactField, Boolean> given) {
    List<FieldError> errors = new ArrayList<>();
    required(collected).stream().filter(field -> !given.getOrDefault(field, false))
        .forEach(field -> errors.add(new FieldError("field_required", field.property(),
            field.property() + " is required by the mandate in force")));
    for (Set<ContactField> group : requireOneOf) {
      if (group.stream().noneMatch(field -> given.getOrDefault(field, false))) {
        List<String> names = sorted(group);
        errors.add(new FieldError("one_of_required", names.get(0), "At least one of "
            + String.join(", ", names) + " is required by the mandate in force", names));
      }
    }
    return errors;
  }

  /** The fields' property names in the order of {@link ContactField}. */
  public static List<String> sorted(Set<ContactField> fields) {
    return fields.stream().sorted().map(ContactField::property).toList();
  }
}
