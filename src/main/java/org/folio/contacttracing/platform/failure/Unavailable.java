package org.folio.contacttracing.platform.failure;

/**
 * A request gave way to changes other requests kept making to what it depends on: nothing was stored, and the
 * same request can succeed a moment later.
 */
public final class Unavailable extends Failure {
  public Unavailable(String message) {
    super(message);
  }
}
