package org.folio.contacttracing.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.Expired;
import org.folio.contacttracing.platform.failure.Failure;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.failure.Unavailable;
import org.folio.contacttracing.platform.failure.UnsupportedMediaType;

/**
 * The one place that turns a failure into FOLIO's error formats: 422 as {@code errors} JSON, every other
 * status as text/plain. A fault of the module is a 500 whose body says nothing about data or code, and whose
 * log line names the type and place of the fault but not its message, which may quote submitted values.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger log = LogManager.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext routing) {
    respond(routing.response(), routing.failure(), routing.statusCode(), where(routing));
  }

  /**
   * Answers a failed request, as the router's failure handler and {@link DirectPost} do.
   *
   * @param status the status a handler failed with when there is no failure, such as vertx-web's 413
   * @param where the method and route template, for the log
   */
  static void respond(HttpServerResponse response, Throwable failure, int status, String where) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    toResponse(failure, status, where).writeTo(response);
  }

  private static Response toResponse(Throwable failure, int status, String where) {
    if (failure instanceof Unavailable busy) {
      log.warn("Request {} gave way to concurrent work: {}", where, busy.getMessage());
    }
    if (failure instanceof Failure known) {
      return answer(known);
    }
    if (failure instanceof HttpException http && http.getStatusCode() >= 400 && http.getStatusCode() < 500) {
      // Vert.x Web's own refusals, such as a query string with malformed percent-encoding
      return Response.text(http.getStatusCode(), clientStatusText(http.getStatusCode()));
    }
    if (failure instanceof PgException pg && ("3F000".equals(pg.getSqlState()) || "42P01".equals(pg.getSqlState()))) {
      // the tenant's schema is missing: the module was never enabled for it, or has been purged
      return Response.text(400, "mod-contact-tracing is not enabled for this tenant");
    }
    if (failure instanceof PgException pg && BUSY.contains(pg.getSqlState())) {
      // a lock wait gave up or a deadlock was broken: nothing was changed, and the same request can succeed later
      log.warn("Request {} gave way to concurrent work: {}", where, describe(pg));
      return busy();
    }
    if (status >= 400 && status < 500) {
      // vertx-web refused the request itself, with or without an exception: a request without a valid Host, a
      // malformed form body; the client's mistake, never a fault of the module
      return Response.text(status, clientStatusText(status));
    }
    logFault(where, status, failure);
    return Response.text(500, "Internal server error");
  }

  /** A failure named by meaning: 422 as {@code errors} JSON, 503 with {@code Retry-After}, the others as text/plain. */
  static Response answer(Failure failure) {
    if (failure instanceof Invalid invalid) {
      return Response.json(422, errors(invalid));
    }
    if (failure instanceof Unavailable) {
      return busy();
    }
    int status = failure instanceof NotFound ? 404
        : failure instanceof Conflict ? 409
        : failure instanceof Expired ? 410
        : failure instanceof UnsupportedMediaType ? 415
        : 400; // Malformed
    return Response.text(status, failure.getMessage());
  }

  private static Response busy() {
    return Response.text(503, "The database is busy with concurrent work; try again").withHeader("Retry-After", "5");
  }

  /** FOLIO's {@code errors} body: each error with its {@code code} and the properties it names, type 1. */
  private static JsonObject errors(Invalid invalid) {
    JsonArray errors = new JsonArray();
    invalid.errors().forEach(error -> {
      JsonArray parameters = new JsonArray();
      error.names().forEach(name -> parameters.add(new JsonObject().put("key", name)));
      errors.add(new JsonObject().put("message", error.message()).put("type", "1").put("code", error.code())
          .put("parameters", parameters));
    });
    return new JsonObject().put("errors", errors);
  }

  /** lock_not_available (a lock_timeout), deadlock_detected, serialization_failure. */
  private static final Set<String> BUSY = Set.of("55P03", "40P01", "40001");

  static String clientStatusText(int status) {
    return switch (status) {
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Request body too large: at most 64 KiB";
      case 414 -> "Request URI too long";
      case 415 -> "Unsupported media type";
      case 431 -> "Request headers too large";
      default -> "Bad request";
    };
  }

  /** The method and route template, such as {@code GET /contact-tracing/contact-logs/:id}. */
  private static String where(RoutingContext routing) {
    return routing.request().method() + " "
        + (routing.currentRoute() != null && routing.currentRoute().getPath() != null
            ? routing.currentRoute().getPath() : routing.request().path());
  }

  private static void logFault(String where, int status, Throwable failure) {
    if (failure == null) {
      log.error("Request {} failed with status {}", where, status);
      return;
    }
    log.error("Request {} failed: {}", where, describe(failure), new RedactedFault(failure));
  }

  /** Type and, for PostgreSQL, the SQL state and constraint: enough to find the fault, no submitted values. */
  static String describe(Throwable failure) {
    if (failure instanceof PgException pg) {
      // class 42 (syntax, undefined objects, privileges) names identifiers only, never submitted values
      String message = pg.getSqlState() != null && pg.getSqlState().startsWith("42") ? " " + pg.getErrorMessage() : "";
      return "PgException sqlState=" + pg.getSqlState() + " constraint=" + pg.getConstraint() + message;
    }
    return failure.getClass().getName();
  }

  /**
   * Carries a fault's stack trace, and its causes' (redacted too), into the log without their messages. The
   * cause is held in a field: the protected constructor used here fixes {@link Throwable#getCause()} at null,
   * so {@code initCause} would throw, and did, for every fault that had a cause (a refused database connection).
   */
  private static final class RedactedFault extends RuntimeException {
    private static final int MAX_DEPTH = 16;
    private final transient RedactedFault redactedCause;

    RedactedFault(Throwable original) {
      this(original, 0);
    }

    private RedactedFault(Throwable original, int depth) {
      super(original.getClass().getName(), null, false, true);
      setStackTrace(original.getStackTrace());
      Throwable cause = original.getCause();
      redactedCause = cause != null && cause != original && depth < MAX_DEPTH ? new RedactedFault(cause, depth + 1) : null;
    }

    @Override
    public synchronized Throwable getCause() {
      return redactedCause;
    }
  }
}
