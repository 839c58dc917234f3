package org.folio.contacttracing.platform.http;

/** A product feature that serves endpoints under {@code /contact-tracing}. */
public interface Feature {

  /** Declares the feature's endpoints. */
  void routes(Api api);
}
