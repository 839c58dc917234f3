package org.folio.contacttracing.platform.failure;

import java.util.List;

/**
 * One broken rule of an {@link Invalid} request. It names the field and never carries the submitted value.
 *
 * @param code machine-readable reason, for example {@code field_not_mandated}
 * @param field the property path, for example {@code authority.type}
 * @param message a sentence for staff
 * @param names the properties the rule concerns: the field, or the fields of a rule that concerns several (a
 *     one-of group)
 */
public record FieldError(String code, String field, String message, List<String> names) {

  public FieldError {
    names = List.copyOf(names);
  }

  public FieldError(String code, String field, String message) {
    this(code, field, message, List.of(field));
  }
}
