package org.folio.contacttracing.settings;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The library's own wording of the notice, per language ({@code en}, {@code es}, {@code fr}, {@code de}): where it
 * is set, it replaces the module's text of the item for that language.
 *
 * @param byLanguage the wording per language code
 */
public record NoticeWording(Map<String, Wording> byLanguage) {
  public static final NoticeWording NONE = new NoticeWording(Map.of());

  /**
   * The library's wording in one language.
   *
   * @param purpose what the data is used for, replacing the module's text
   * @param sharing with whom it is shared, replacing the module's text
   */
  public record Wording(Optional<String> purpose, Optional<String> sharing) {
    public static final Wording NONE = new Wording(Optional.empty(), Optional.empty());

    JsonObject toJson() {
      JsonObject json = new JsonObject();
      purpose.ifPresent(p -> json.put("purpose", p));
      sharing.ifPresent(s -> json.put("sharing", s));
      return json;
    }
  }

  public NoticeWording {
    byLanguage = Map.copyOf(byLanguage);
  }

  /** The wording the library set for a language; {@link Wording#NONE} when it set none. */
  public Wording in(String language) {
    return byLanguage.getOrDefault(language, Wording.NONE);
  }

  /** From a body already checked against settings.json (languages, properties, lengths); blank text is refused. */
  public static NoticeWording fromJson(JsonObject json) {
    Map<String, Wording> byLanguage = new TreeMap<>();
    for (String language : json.fieldNames()) {
      JsonObject wording = json.getJsonObject(language);
      String field = "noticeWording." + language;
      byLanguage.put(language, new Wording(text(wording, "purpose", field), text(wording, "sharing", field)));
    }
    return new NoticeWording(byLanguage);
  }

  private static Optional<String> text(JsonObject json, String property, String field) {
    return json.containsKey(property) ? Optional.of(Statute.text(json, property, field + "." + property))
        : Optional.empty();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    new TreeMap<>(byLanguage).forEach((language, wording) -> json.put(language, wording.toJson()));
    return json;
  }
}
