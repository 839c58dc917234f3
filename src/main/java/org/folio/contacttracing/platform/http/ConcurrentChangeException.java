package org.folio.contacttracing.platform.http;

/**
 * A request gave way to changes other requests kept making to what it depends on: nothing was stored, and the
 * same request can succeed a moment later. Answered 503 with {@code Retry-After}, like a lock that timed out.
 */
public final class ConcurrentChangeException extends RuntimeException {
  public ConcurrentChangeException(String message) {
    super(message, null, false, false);
  }
}
