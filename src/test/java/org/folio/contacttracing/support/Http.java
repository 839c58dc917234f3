package org.folio.contacttracing.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A plain JDK HTTP client for tests that fire many requests at once or must not hang: every request has a
 * timeout, and a timeout or refused connection comes back as status -1 instead of an exception.
 */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;
  private final String tenant;
  private final UUID user;
  private final Duration timeout;

  public Http(int port, String tenant, UUID user, Duration timeout) {
    this.port = port;
    this.tenant = tenant;
    this.user = user;
    this.timeout = timeout;
  }

  public record Reply(int status, String body, long millis) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public CompletableFuture<Reply> send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(timeout)
        .header("X-Okapi-Tenant", tenant)
        .header("X-Okapi-User-Id", user.toString())
        .header("X-Okapi-Request-Id", "1/http")
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    long start = System.nanoTime();
    return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Reply(response.statusCode(), response.body(), elapsed(start)))
        .exceptionally(failure -> new Reply(-1, String.valueOf(failure), elapsed(start)));
  }

  public Reply get(String path) {
    return send("GET", path, null).join();
  }

  public Reply post(String path, String body) {
    return send("POST", path, body).join();
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000L;
  }
}
