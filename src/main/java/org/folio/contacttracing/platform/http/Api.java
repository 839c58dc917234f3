package org.folio.contacttracing.platform.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
  private final Set<String> bodySchemas = new TreeSet<>();
  private final Set<String> declared = new TreeSet<>();
  private final Set<String> accountable = new TreeSet<>();
  private SchemaValidator schemas;

  public Api(Router router) {
    this.router = router;
  }

  public void get(String path, Handler handler) {
    add(HttpMethod.GET, path, null, handler);
  }

  public void delete(String path, Handler handler) {
    add(HttpMethod.DELETE, path, null, handler);
  }

  /** A POST without a request body, such as a timer call. */
  public void post(String path, Handler handler) {
    add(HttpMethod.POST, path, null, handler);
  }

  /** A POST whose JSON body must conform to {@code ramls/schemas/<bodySchema>}; handlers read it with {@code body()}. */
  public void post(String path, String bodySchema, Handler handler) {
    add(HttpMethod.POST, path, bodySchema, handler);
  }

  public void put(String path, String bodySchema, Handler handler) {
    add(HttpMethod.PUT, path, bodySchema, handler);
  }

  /** Loads the schemas the declared routes name; called once, after all features declared their routes. */
  public void loadSchemas() {
    schemas = SchemaValidator.load(List.copyOf(bodySchemas));
  }

  /** The endpoints declared so far, as {@code METHOD path} with {@code {param}} placeholders; the contract tests read them. */
  public List<String> declared() {
    return List.copyOf(declared);
  }

  /** The endpoints declared {@link #accountable}, in the form of {@link #declared}. */
  public List<String> accountable() {
    return List.copyOf(accountable);
  }

  private void add(HttpMethod method, String path, String bodySchema, Handler handler) {
    if (bodySchema != null) {
      bodySchemas.add(bodySchema);
    }
    declared.add(method.name() + " " + path);
    if (handler instanceof Accountable) {
      accountable.add(method.name() + " " + path);
    }
    router.route(method, path.replaceAll("\\{([A-Za-z]+)}", ":$1"))
        .handler(routing -> invoke(routing, bodySchema, handler));
  }

  private void invoke(RoutingContext routing, String bodySchema, Handler handler) {
    Future<Response> response;
    try {
      response = handler.handle(OkapiHeaders.requestContext(routing).withBody(schemas, bodySchema));
    } catch (RuntimeException e) {
      response = Future.failedFuture(e);
    }
    response.onComplete(done -> {
      if (done.succeeded()) {
        done.result().writeTo(routing.response());
      } else {
        routing.fail(done.cause());
      }
    });
  }
}
