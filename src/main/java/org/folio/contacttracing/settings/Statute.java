package org.folio.contacttracing.settings;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.folio.contacttracing.platform.failure.Invalid;

/**
 * The state's library-confidentiality statute that governs the log: the notice cites it, and a public-health
 * agency's disclosure request names the provision of it that allows the disclosure.
 *
 * @param citation how the statute is cited, such as "Ill. Comp. Stat. ch. 75 § 70 (Library Records
 *     Confidentiality Act)"
 * @param url where the text of the statute can be read, an https address
 */
public record Statute(String citation, Optional<String> url) {

  /** From a body already checked against statute.json. */
  public static Statute fromJson(JsonObject json, String field) {
    return new Statute(text(json, "citation", field + ".citation"), Optional.ofNullable(json.getString("url")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("citation", citation);
    url.ifPresent(u -> json.put("url", u));
    return json;
  }

  /** A required text of a settings object; the schema bounds its length, this refuses one of spaces only. */
  static String text(JsonObject json, String property, String field) {
    String value = json.getString(property);
    if (value == null || value.isBlank()) {
      throw new Invalid("invalid_value", field, field + " must not be blank");
    }
    return value;
  }
}
