package org.folio.contacttracing.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One entry of FOLIO's 422 {@code errors} body. It names the field and never carries the submitted value.
 *
 * @param code machine-readable reason, for example {@code field_not_mandated}
 * @param field the property path, for example {@code authority.type}
 * @param message a sentence for staff
 * @param names what the {@code parameters} name, each as a {@code key}: the field, or the fields of a rule
 *     that concerns several (a one-of group)
 */
public record FieldError(String code, String field, String message, List<String> names) {

  public FieldError {
    names = List.copyOf(names);
  }

  public FieldError(String code, String field, String message) {
    this(code, field, message, List.of(field));
  }

  public JsonObject toJson() {
    JsonArray parameters = new JsonArray();
    names.forEach(name -> parameters.add(new JsonObject().put("key", name)));
    return new JsonObject()
        .put("message", message)
        .put("type", "1")
        .put("code", code)
        .put("parameters", parameters);
  }
}
