package org.folio.contacttracing.platform.http;

/**
 * A client's mistake that is answered with a text/plain status: 400, 404, 409, 410, 413, 415. Carries no
 * stack trace: it is an answer, not a fault. Messages name what is wrong and never echo a submitted value.
 */
public class ClientException extends RuntimeException {
  private final int status;

  public ClientException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ClientException badRequest(String message) {
    return new ClientException(400, message);
  }

  public static ClientException notFound(String message) {
    return new ClientException(404, message);
  }

  public static ClientException conflict(String message) {
    return new ClientException(409, message);
  }

  public static ClientException gone(String message) {
    return new ClientException(410, message);
  }
}
