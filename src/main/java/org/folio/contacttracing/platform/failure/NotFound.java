package org.folio.contacttracing.platform.failure;

/** The record asked for does not exist for this tenant, or no longer does. */
public final class NotFound extends Failure {
  public NotFound(String message) {
    super(message);
  }
}
