package org.folio.contacttracing.platform.failure;

/**
 * The module cannot take the request as it was sent: a missing or malformed header, path id or query parameter,
 * parameters that contradict each other, or a body that is no JSON object. Open so that a parser can name its own
 * refusal, such as a query outside the CQL subset.
 */
public non-sealed class Malformed extends Failure {
  public Malformed(String message) {
    super(message);
  }
}
