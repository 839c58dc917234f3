package org.folio.contacttracing.platform.failure;

/**
 * Why a request could not be served, named by meaning; only the failure handler turns it into a status and a
 * body. Carries no stack trace: it is an answer, not a fault. Messages name what is wrong and never echo a
 * submitted value.
 */
public abstract sealed class Failure extends RuntimeException
    permits Malformed, NotFound, Conflict, Expired, Invalid, Unavailable, UnsupportedMediaType {

  protected Failure(String message) {
    super(message, null, false, false);
  }
}
