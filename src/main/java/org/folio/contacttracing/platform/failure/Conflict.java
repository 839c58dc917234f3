package org.folio.contacttracing.platform.failure;

/** The request contradicts the state of what it acts on: already decided, already shredded, still depended on. */
public final class Conflict extends Failure {
  public Conflict(String message) {
    super(message);
  }
}
