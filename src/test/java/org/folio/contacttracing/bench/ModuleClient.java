package org.folio.contacttracing.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests to the module as Okapi forwards them, over a Vert.x client with {@code connections} keep-alive
 * connections. The blocking helpers are for set-up steps; measured operations use {@link #send}.
 */
final class ModuleClient implements AutoCloseable {
  static final String MODULE_ID = "mod-contact-tracing-1.0.0";
  /** Staff who record and request; a disclosure is decided by a second person. */
  static final UUID STAFF_A = UUID.fromString("11111111-1111-4111-8111-111111111111");
  static final UUID STAFF_B = UUID.fromString("22222222-2222-4222-8222-222222222222");
  /** A request unanswered for this long has stalled (see docs/performance.md, "Known limits"). */
  static final int STALL_SECONDS = 90;
  private static final AtomicLong REQUESTS = new AtomicLong();

  private final HttpClientAgent client;
  /**
   * Every request is made on this one context. Made from the harness's main thread instead, about one request
   * in a few thousand was never sent and never failed (Vert.x 5.0.7); on one context none of 63,000 was lost.
   */
  private final Context context;

  ModuleClient(Vertx vertx, int port, int connections) {
    this.context = vertx.getOrCreateContext();
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1")
        .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(connections));
  }

  record Reply(int status, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** One request; the user is empty for calls without a logged-in user ({@code _tenant}, {@code _timer}). */
  Future<Reply> send(HttpMethod method, String path, String tenant, Optional<UUID> user, String body) {
    if (Vertx.currentContext() == context) {
      return request(method, path, tenant, user, body);
    }
    Promise<Reply> reply = Promise.promise();
    context.runOnContext(on -> request(method, path, tenant, user, body).onComplete(reply));
    return reply.future();
  }

  private Future<Reply> request(HttpMethod method, String path, String tenant, Optional<UUID> user, String body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("X-Okapi-Tenant", tenant)
        .add("X-Okapi-Request-Id", REQUESTS.incrementAndGet() + "/bench")
        .add("Accept", "application/json");
    user.ifPresent(id -> headers.add("X-Okapi-User-Id", id.toString()));
    if (body != null) {
      headers.add("Content-Type", "application/json");
    }
    // longer than any answer takes (a tenant job is waited for up to 60 s); the client then ends the request
    return client.request(new RequestOptions().setMethod(method).setURI(path).setHeaders(headers)
            .setIdleTimeout(STALL_SECONDS * 1000L))
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(buffer -> new Reply(response.statusCode(), buffer)));
  }

  Reply call(HttpMethod method, String path, String tenant, Optional<UUID> user, String body) {
    return await(send(method, path, tenant, user, body).recover(failure -> Future.failedFuture(
        failure instanceof java.util.concurrent.TimeoutException
            ? new IllegalStateException(STALLED + ": " + method + " " + path + " for " + tenant, failure)
            : failure)));
  }

  private static final String STALLED = "no answer within " + STALL_SECONDS + " s";

  /** Whether a failure of {@link #call} is a request that got no answer at all. */
  static boolean stalled(Throwable failure) {
    return failure.getMessage() != null && failure.getMessage().startsWith(STALLED);
  }

  /** Like {@link #call}, but anything else than {@code expected} stops the harness. */
  Reply expect(int expected, HttpMethod method, String path, String tenant, Optional<UUID> user, String body) {
    Reply reply = call(method, path, tenant, user, body);
    if (reply.status() != expected) {
      throw new IllegalStateException(method + " " + path + " for " + tenant + " answered " + reply
          + " instead of " + expected);
    }
    return reply;
  }

  /** Enables the module for a tenant through its own tenant API, as Okapi does, and waits for the job. */
  void install(String tenant) {
    Reply started = expect(201, HttpMethod.POST, "/_/tenant", tenant, Optional.empty(),
        new JsonObject().put("module_to", MODULE_ID).encode());
    String id = started.json().getString("id");
    JsonObject job = expect(200, HttpMethod.GET, "/_/tenant/" + id + "?wait=60000", tenant, Optional.empty(), null)
        .json();
    if (!job.getBoolean("complete", false) || job.containsKey("error")) {
      throw new IllegalStateException("tenant " + tenant + " was not enabled: " + job.encode());
    }
    expect(204, HttpMethod.DELETE, "/_/tenant/" + id, tenant, Optional.empty(), null);
  }

  /**
   * A mandate for all locations collecting name, phone and email, in force from {@code from}, kept
   * {@code retentionDays}. @return its id
   */
  UUID createMandate(String tenant, LocalDate from, int retentionDays) {
    JsonObject body = new JsonObject()
        .put("authority", new JsonObject().put("type", "public-health-agency").put("name", "County Health Department"))
        .put("reference", "Benchmark order")
        .put("effectiveFrom", from.toString())
        .put("reviewBy", from.plusYears(2).toString())
        .put("collectedFields", new JsonArray(List.of("name", "phone", "email")))
        .put("retentionDays", retentionDays)
        .put("locations", new JsonArray());
    return UUID.fromString(expect(201, HttpMethod.POST, "/contact-tracing/mandates", tenant, Optional.of(STAFF_A),
        body.encode()).json().getString("id"));
  }

  static <T> T await(Future<T> future) {
    try {
      // a tenant job may take up to a minute; anything slower means the system under test hangs
      return future.await(2, TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer within 2 minutes", e);
    }
  }

  @Override
  public void close() {
    await(client.close());
  }
}
