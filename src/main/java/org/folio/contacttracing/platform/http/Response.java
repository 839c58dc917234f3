package org.folio.contacttracing.platform.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers; written to the wire in one place. */
public record Response(int status, String contentType, String body, Map<String, String> headers) {
  private static final String JSON = "application/json";

  public static Response json(int status, JsonObject body) {
    return new Response(status, JSON, body.encode(), Map.of());
  }

  public static Response ok(JsonObject body) {
    return json(200, body);
  }

  public static Response created(String location, JsonObject body) {
    return new Response(201, JSON, body.encode(), Map.of("Location", location));
  }

  public static Response noContent() {
    return new Response(204, null, null, Map.of());
  }

  public static Response text(int status, String body) {
    return new Response(status, "text/plain; charset=utf-8", body, Map.of());
  }

  public static Response of(int status, String contentType, String body) {
    return new Response(status, contentType, body, Map.of());
  }

  public Future<Response> future() {
    return Future.succeededFuture(this);
  }

  public Response withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new Response(status, contentType, body, Map.copyOf(all));
  }

  /** For answers that carry a visitor's personal data: no browser, proxy or UI cache may keep them. */
  public Response personalData() {
    return withHeader("Cache-Control", "no-store");
  }

  void writeTo(HttpServerResponse response) {
    response.setStatusCode(status);
    headers.forEach(response::putHeader);
    if (body == null) {
      response.end();
      return;
    }
    response.putHeader("Content-Type", contentType);
    response.end(body);
  }
}
