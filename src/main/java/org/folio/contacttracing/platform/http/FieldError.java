package org.folio.contacttracing.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One entry of FOLIO's 422 {@code errors} body. It names the field and never carries the submitted value.
 *
 * @param code machine-readable reason, for example {@code field_not_mandated}
 * @param field the property path, for example {@code authority.type}
 * @param message a sentence for staff
 */
public record FieldError(String code, String field, String message) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("message", message)
        .put("type", "1")
        .put("code", code)
        .put("parameters", new JsonArray().add(new JsonObject().put("key", field)));
  }
}
