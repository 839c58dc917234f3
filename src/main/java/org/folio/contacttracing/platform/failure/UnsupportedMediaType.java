package org.folio.contacttracing.platform.failure;

/** A body in a media type the module does not read. */
public final class UnsupportedMediaType extends Failure {
  public UnsupportedMediaType(String message) {
    super(message);
  }
}
