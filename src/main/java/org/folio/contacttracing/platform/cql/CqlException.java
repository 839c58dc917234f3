package org.folio.contacttracing.platform.cql;

import org.folio.contacttracing.platform.failure.Malformed;

/** A {@code query} the module cannot or will not run: always a 400, whose message never repeats a search term. */
public final class CqlException extends Malformed {
  public CqlException(String message) {
    super(message);
  }
}
