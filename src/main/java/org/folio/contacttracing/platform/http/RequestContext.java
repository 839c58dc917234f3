package org.folio.contacttracing.platform.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.Malformed;
import org.folio.contacttracing.platform.failure.UnsupportedMediaType;
import org.folio.contacttracing.platform.json.SchemaValidator;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * One request as handlers see it: the validated tenant, the Okapi user and request ids, and typed access to
 * path parameters, query parameters and the schema-validated body.
 */
public final class RequestContext {
  /** What was received, as vertx-web's router or {@link DirectPost} read it. */
  record Received(HttpServerRequest request, Buffer body, Map<String, String> pathParameters,
      Supplier<MultiMap> queryParameters) {
  }

  private final Received received;
  private final TenantId tenant;
  private final Optional<UUID> userId;
  private final String requestId;
  private final SchemaValidator schemas;
  private final String bodySchema;

  RequestContext(Received received, TenantId tenant, Optional<UUID> userId, String requestId,
      SchemaValidator schemas, String bodySchema) {
    this.received = received;
    this.tenant = tenant;
    this.userId = userId;
    this.requestId = requestId;
    this.schemas = schemas;
    this.bodySchema = bodySchema;
  }

  RequestContext withBody(SchemaValidator validator, String schema) {
    return new RequestContext(received, tenant, userId, requestId, validator, schema);
  }

  Received received() {
    return received;
  }

  public TenantId tenant() {
    return tenant;
  }

  /** {@code X-Okapi-User-Id}; absent on timer and tenant calls. */
  public Optional<UUID> userId() {
    return userId;
  }

  /**
   * The staff member who answers for this request: {@code X-Okapi-User-Id}, which Okapi sets for a logged-in user.
   *
   * @throws Invalid {@code user_required} when there is none
   */
  public UUID staffMember() {
    return userId.orElseThrow(() -> new Invalid("user_required", OkapiHeaders.USER_ID,
        "This request must name the staff member who makes it (X-Okapi-User-Id)"));
  }

  /** {@code X-Okapi-Request-Id}, or empty when Okapi sent none. */
  public String requestId() {
    return requestId;
  }

  /** Who acts in this request, as the audit records it. */
  public Actor actor() {
    return new Actor(tenant, userId, requestId);
  }

  public String header(String name) {
    return received.request().getHeader(name);
  }

  /** Whether the client prefers {@code mediaType} over JSON in its {@code Accept} header. */
  public boolean accepts(String mediaType) {
    String accept = header("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(mediaType);
  }

  public QueryParameters query() {
    return new QueryParameters(received.queryParameters().get());
  }

  /** A path parameter that must be a UUID; anything else is a 400. */
  public UUID pathId(String name) {
    return Ids.parse(received.pathParameters().get(name), name);
  }

  /** The request body, parsed as a JSON object and validated against the schema its route names. */
  public JsonObject body() {
    if (bodySchema == null) {
      throw new IllegalStateException("Route declares no body schema: " + received.request().path());
    }
    JsonObject body = jsonBody();
    schemas.validate(bodySchema, body);
    return body;
  }

  /** The body when one was sent, validated as {@link #body}; an empty object when none was. */
  public JsonObject optionalBody() {
    return received.body() == null || received.body().length() == 0 ? new JsonObject() : body();
  }

  private JsonObject jsonBody() {
    String contentType = header("Content-Type");
    if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new UnsupportedMediaType("Content-Type must be application/json");
    }
    if (received.body() == null || received.body().length() == 0) {
      throw new Malformed("A JSON request body is required");
    }
    Object parsed;
    try {
      parsed = received.body().toJsonValue();
    } catch (DecodeException e) {
      throw new Malformed("The request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw new Malformed("The request body must be a JSON object");
    }
    String withNul = withNul(object, "");
    if (withNul != null) {
      // PostgreSQL cannot store U+0000, and an unpaired UTF-16 surrogate is not text at all: refuse them here
      // rather than fail in SQL or when the value is written back as JSON
      throw new Invalid("invalid_value", withNul, (withNul.isEmpty() ? "A property name" : withNul)
          + " must not contain the NUL character or an unpaired UTF-16 surrogate");
    }
    return object;
  }

  /** No NUL and no unpaired surrogate. */
  private static boolean storable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** The path of the first property whose name or string value is not storable text, or null when there is none. */
  private static String withNul(Object value, String path) {
    if (value instanceof String text) {
      return storable(text) ? null : path;
    }
    if (value instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        if (!storable(key)) {
          return "";
        }
        String found = withNul(object.getValue(key), path.isEmpty() ? key : path + "." + key);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof io.vertx.core.json.JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = withNul(array.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
