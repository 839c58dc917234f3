package org.folio.contacttracing.mandate;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Optional;

/**
 * A piece of contact data a mandate may require from a visitor, with every fact the module needs about it: the
 * contact details, the release (JSON and CSV), the receipt, the notice and the search's personal fields iterate
 * {@link #values()}. Adding a field is a value here plus its JSON schemas (and its notice label per language).
 */
public enum ContactField {
  NAME("name", true, Kind.TEXT, "Your name"),
  PHONE("phone", true, Kind.TEXT, "A phone number"),
  EMAIL("email", true, Kind.TEXT, "An email address"),
  PARTY_SIZE("partySize", false, Kind.COUNT, "How many people were with you");

  /** How a field's value is carried in JSON, and when it counts as given. */
  public enum Kind {
    /** A string; blank is not given. */
    TEXT,
    /** An integer. */
    COUNT
  }

  private final String property;
  private final boolean identifying;
  private final Kind kind;
  private final String receiptLabel;

  ContactField(String property, boolean identifying, Kind kind, String receiptLabel) {
    this.property = property;
    this.identifying = identifying;
    this.kind = kind;
    this.receiptLabel = receiptLabel;
  }

  /** The JSON property name, for example {@code partySize}; also the release's CSV column. */
  public String property() {
    return property;
  }

  /** Whether it lets health officials reach the visitor; a mandate must collect at least one such field. */
  public boolean identifying() {
    return identifying;
  }

  /** What the visitor's receipt calls it, in English; also the notice's label where a language has none. */
  public String receiptLabel() {
    return receiptLabel;
  }

  /** The value in {@code json}, or null. */
  public Object read(JsonObject json) {
    return kind == Kind.TEXT ? json.getString(property) : json.getInteger(property);
  }

  /** Whether a value counts as given. */
  public boolean given(Object value) {
    return value != null && !(kind == Kind.TEXT && value.toString().isBlank());
  }

  public static Optional<ContactField> ofProperty(String property) {
    return Arrays.stream(values()).filter(field -> field.property.equals(property)).findFirst();
  }
}
