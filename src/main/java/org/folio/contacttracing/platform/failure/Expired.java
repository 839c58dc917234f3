package org.folio.contacttracing.platform.failure;

/** What was asked for existed but its time has passed for good, such as a disclosure's release window. */
public final class Expired extends Failure {
  public Expired(String message) {
    super(message);
  }
}
