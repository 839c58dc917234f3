package org.folio.contacttracing.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A request that is well-formed but breaks a rule: answered 422 with FOLIO's {@code errors} JSON. */
public class ValidationException extends RuntimeException {
  private final transient List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super(errors.isEmpty() ? "validation failed" : errors.get(0).message(), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public ValidationException(String code, String field, String message) {
    this(List.of(new FieldError(code, field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    errors.forEach(error -> array.add(error.toJson()));
    return new JsonObject().put("errors", array);
  }
}
