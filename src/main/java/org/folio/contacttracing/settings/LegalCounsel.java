package org.folio.contacttracing.settings;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * How staff reach the library's legal counsel before a disclosure: an office and its official phone and email,
 * never a person's private data.
 */
public record LegalCounsel(String office, Optional<String> phone, Optional<String> email) {

  /** From a body already checked against legalCounsel.json. */
  static LegalCounsel fromJson(JsonObject json) {
    return new LegalCounsel(Statute.text(json, "office", "legalCounsel.office"),
        Optional.ofNullable(json.getString("phone")), Optional.ofNullable(json.getString("email")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("office", office);
    phone.ifPresent(p -> json.put("phone", p));
    email.ifPresent(e -> json.put("email", e));
    return json;
  }
}
