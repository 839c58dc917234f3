package org.folio.contacttracing.platform.cql;

import org.folio.contacttracing.platform.http.ClientException;

/** A {@code query} the module cannot or will not run: always a 400, whose message never repeats a search term. */
public final class CqlException extends ClientException {

  public CqlException(String message) {
    super(400, message);
  }
}
