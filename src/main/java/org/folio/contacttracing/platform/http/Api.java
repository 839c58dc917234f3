package org.folio.contacttracing.platform.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.folio.contacttracing.platform.failure.Malformed;
import org.folio.contacttracing.platform.json.SchemaValidator;

/**
 * Where features declare their endpoints. The wiring from a handler's {@code Future<Response>} to the wire,
 * and from its failure to the one error mapper, is written here once.
 */
public final class Api {

  /** A feature's endpoint: turns one request into a response or a failure. */
  @FunctionalInterface
  public interface Handler {
    Future<Response> handle(RequestContext request);
  }

  /**
   * A handler for a request that someone must answer for: reading, correcting, deleting or releasing personal
   * data, or changing a mandate or a setting. Without {@code X-Okapi-User-Id} it is refused with 422
   * {@code user_required} before the handler runs, so before anything is read or stored.
   */
  public static Handler accountable(Handler handler) {
    return new Accountable(handler);
  }

  /** What {@link #accountable} makes; the route records that it is one. */
  private record Accountable(Handler handler) implements Handler {
    @Override
    public Future<Response> handle(RequestContext request) {
      request.staffMember();
      return handler.handle(request);
    }
  }

  private final Router router;
  /** The routes served in front of the router, by path. */
  private final Map<String, DirectPost> direct = new HashMap<>();
  private final int maxBodyBytes;
  private final Set<String> bodySchemas = new TreeSet<>();
  private final Set<String> declared = new TreeSet<>();
  private final Set<String> accountable = new TreeSet<>();
  private final Map<String, Set<String>> parameters = new TreeMap<>();
  private SchemaValidator schemas;

  /** @param maxBodyBytes the body limit the router's body handler enforces, for the routes served directly too */
  public Api(Router router, int maxBodyBytes) {
    this.router = router;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * What the HTTP server is given: a request for a route declared with {@link #postDirect} is served directly,
   * unless it is one the router treats in a way of its own (see {@link DirectPost#takes}); any other request by the
   * router.
   */
  public io.vertx.core.Handler<HttpServerRequest> requestHandler() {
    return request -> {
      DirectPost route = request.method() == HttpMethod.POST ? direct.get(request.path()) : null;
      if (route == null || !DirectPost.takes(request)) {
        router.handle(request);
        return;
      }
      try {
        route.serve(request);
      } catch (RuntimeException e) {
        // a fault of the module, answered as the router's failure handler answers one
        FailureHandler.respond(request.response(), e, 500, "POST " + request.path());
      }
    };
  }

  /** A GET that takes no query parameter: any is a 400. */
  public void get(String path, Handler handler) {
    add(HttpMethod.GET, path, null, Set.of(), handler);
  }

  /** A GET that takes the query parameters named, and no other: an unknown one is a 400, never ignored. */
  public void get(String path, Set<String> queryParameters, Handler handler) {
    add(HttpMethod.GET, path, null, queryParameters, handler);
  }

  public void delete(String path, Handler handler) {
    add(HttpMethod.DELETE, path, null, Set.of(), handler);
  }

  /** A POST without a request body, such as a timer call. */
  public void post(String path, Handler handler) {
    add(HttpMethod.POST, path, null, Set.of(), handler);
  }

  /** A POST whose JSON body must conform to {@code ramls/schemas/<bodySchema>}; handlers read it with {@code body()}. */
  public void post(String path, String bodySchema, Handler handler) {
    add(HttpMethod.POST, path, bodySchema, Set.of(), handler);
  }

  /**
   * A POST on the hot path, recording a visit: served in front of vertx-web's router by {@link DirectPost}, which
   * does what the router does for it (headers, body limit, query parameters, schema, handler, failures) at a part of
   * its cost. The path is matched exactly; the router serves the same route for any other spelling of it (a
   * trailing slash), so a client sees no difference.
   */
  public void postDirect(String path, String bodySchema, Handler handler) {
    if (path.contains("{")) {
      throw new IllegalArgumentException("A route served directly has no path parameters: " + path);
    }
    post(path, bodySchema, handler);
    direct.put(path, new DirectPost(this, path, bodySchema, handler, maxBodyBytes));
  }

  public void put(String path, String bodySchema, Handler handler) {
    add(HttpMethod.PUT, path, bodySchema, Set.of(), handler);
  }

  /** Loads the schemas the declared routes name; called once, after all features declared their routes. */
  public void loadSchemas() {
    schemas = SchemaValidator.load(List.copyOf(bodySchemas));
  }

  /** The endpoints declared so far, as {@code METHOD path} with {@code {param}} placeholders; the contract tests read them. */
  public List<String> declared() {
    return List.copyOf(declared);
  }

  /** The endpoints declared with {@link #postDirect}, in the form of {@link #declared}. */
  public List<String> direct() {
    return direct.keySet().stream().map(path -> "POST " + path).sorted().toList();
  }

  /** The endpoints declared {@link #accountable}, in the form of {@link #declared}. */
  public List<String> accountable() {
    return List.copyOf(accountable);
  }

  /** The query parameters each endpoint takes, by {@code METHOD path} as in {@link #declared}; the contract tests read them. */
  public Map<String, Set<String>> queryParameters() {
    return Map.copyOf(parameters);
  }

  private void add(HttpMethod method, String path, String bodySchema, Set<String> queryParameters, Handler handler) {
    if (bodySchema != null) {
      bodySchemas.add(bodySchema);
    }
    declared.add(method.name() + " " + path);
    parameters.put(method.name() + " " + path, Set.copyOf(queryParameters));
    if (handler instanceof Accountable) {
      accountable.add(method.name() + " " + path);
    }
    router.route(method, path.replaceAll("\\{([A-Za-z]+)}", ":$1"))
        .handler(routing -> invoke(routing, bodySchema, Set.copyOf(queryParameters), handler));
  }

  private void invoke(RoutingContext routing, String bodySchema, Set<String> queryParameters, Handler handler) {
    answer(() -> OkapiHeaders.requestContext(routing), bodySchema, queryParameters, handler).onComplete(done -> {
      if (done.succeeded()) {
        done.result().writeTo(routing.response());
      } else {
        routing.fail(done.cause());
      }
    });
  }

  /**
   * A request answered by its handler, the same for the router and {@link DirectPost}: its headers read, its query
   * parameters checked, its body's schema named. Anything thrown on the way is the failed answer.
   */
  Future<Response> answer(Supplier<RequestContext> read, String bodySchema, Set<String> queryParameters,
      Handler handler) {
    try {
      RequestContext request = read.get();
      refuseUnknown(request.received().queryParameters().get(), queryParameters);
      return handler.handle(request.withBody(schemas, bodySchema));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** A name that is safe and useful to repeat in an answer; any other is not repeated. */
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  /** A client that sends a parameter the endpoint does not take expects it to do something: say it does not. */
  private static void refuseUnknown(MultiMap received, Set<String> queryParameters) {
    for (String name : received.names()) {
      if (!queryParameters.contains(name)) {
        String takes = queryParameters.isEmpty() ? "this endpoint takes no query parameters"
            : "this endpoint takes " + String.join(", ", new TreeSet<>(queryParameters));
        throw new Malformed((PARAMETER_NAME.matcher(name).matches()
            ? "Unknown query parameter " + name : "Unknown query parameter") + "; " + takes);
      }
    }
  }
}
