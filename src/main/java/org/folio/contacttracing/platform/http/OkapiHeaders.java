package org.folio.contacttracing.platform.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.folio.contacttracing.platform.logging.RequestLogContext;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Reads the headers Okapi sets. Runs before every tenant route, so a missing or hostile tenant is refused
 * with a 400 before anything can reach SQL, and every log line of the request carries its ids.
 */
public final class OkapiHeaders {
  public static final String TENANT = "X-Okapi-Tenant";
  public static final String USER_ID = "X-Okapi-User-Id";
  public static final String REQUEST_ID = "X-Okapi-Request-Id";

  private static final String KEY = RequestContext.class.getName();
  // compiled once: every request passes here
  private static final Pattern NOT_PRINTABLE = Pattern.compile("[^\\x21-\\x7e]");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]*");

  private OkapiHeaders() {
  }

  /** Route handler: validates the headers, stores them with the request and in the log context. */
  public static void require(RoutingContext routing) {
    routing.put(KEY, read(new RequestContext.Received(routing.request(), routing.body().buffer(),
        routing.pathParams(), routing::queryParams)));
    routing.next();
  }

  /**
   * Validates the headers of a request and puts its ids in the log context: the same for the router's routes and
   * for {@link DirectPost}.
   */
  static RequestContext read(RequestContext.Received received) {
    HttpServerRequest request = received.request();
    String requestId = request.getHeader(REQUEST_ID);
    String rawUser = request.getHeader(USER_ID);
    String rawTenant = request.getHeader(TENANT);
    // ids go into the log context before validation, so even a refusal is traceable; they are not visitor data
    RequestLogContext.set(requestId == null ? "" : NOT_PRINTABLE.matcher(requestId).replaceAll("?"),
        safeForLog(rawTenant), safeForLog(rawUser));
    TenantId tenant = TenantId.fromHeader(rawTenant);
    Optional<UUID> userId = Optional.ofNullable(rawUser)
        .filter(value -> !value.isEmpty())
        .map(value -> Ids.parse(value, USER_ID));
    return new RequestContext(received, tenant, userId, requestId == null ? "" : requestId, null, null);
  }

  static RequestContext requestContext(RoutingContext routing) {
    RequestContext context = routing.get(KEY);
    if (context == null) {
      throw new IllegalStateException("Okapi headers were not read for " + routing.request().path());
    }
    return context;
  }

  /** A header value short and plain enough to put in a log line; anything else is replaced. */
  private static String safeForLog(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= 40 && PLAIN.matcher(value).matches() ? value : "(invalid)";
  }
}
