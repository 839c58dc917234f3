package org.folio.contacttracing.mandate;

import java.util.Arrays;
import java.util.Optional;

/** A piece of contact data a mandate may require from a visitor. */
public enum ContactField {
  NAME("name", true),
  PHONE("phone", true),
  EMAIL("email", true),
  PARTY_SIZE("partySize", false);

  private final String property;
  private final boolean identifying;

  ContactField(String property, boolean identifying) {
    this.property = property;
    this.identifying = identifying;
  }

  /** The JSON property name, for example {@code partySize}. */
  public String property() {
    return property;
  }

  /** Whether it lets health officials reach the visitor; a mandate must collect at least one such field. */
  public boolean identifying() {
    return identifying;
  }

  public static Optional<ContactField> ofProperty(String property) {
    return Arrays.stream(values()).filter(field -> field.property.equals(property)).findFirst();
  }
}
