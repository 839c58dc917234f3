package org.folio.contacttracing.platform.failure;

import java.util.List;

/**
 * A request that is well-formed but breaks a rule, each broken rule a {@link FieldError}. Open to subclasses so
 * that a feature can name a refusal it must recognise later, such as a failed integrity check.
 */
public non-sealed class Invalid extends Failure {
  private final transient List<FieldError> errors;

  public Invalid(List<FieldError> errors) {
    super(errors.isEmpty() ? "validation failed" : errors.get(0).message());
    this.errors = List.copyOf(errors);
  }

  public Invalid(String code, String field, String message) {
    this(List.of(new FieldError(code, field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
