package org.folio.contacttracing.platform.http;

/** A product feature that serves endpoints under {@code /contact-tracing}. */
public interface Feature {

  /** Declares the feature's endpoints. */
  void routes(Api api);

  /** Housekeeping of what the feature keeps in memory, called once a minute; most keep nothing. */
  default void everyMinute() {
  }
}
