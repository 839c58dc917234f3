package org.folio.contacttracing.platform.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.folio.contacttracing.platform.failure.Malformed;

/**
 * Serves one POST route in front of vertx-web's router, for the request on the hot path (recording a visit). It does
 * what the router's chain does for that route, in the same order and with the same answers, without building a
 * routing context, matching the route table or running the body handler's generic machinery: the body read up to
 * the limit (413 beyond it; {@code Expect} answered as the body handler does: 100 Continue, or 417 for another expectation), then the Okapi headers
 * ({@link OkapiHeaders#read}), unknown query parameters, the body's schema and the handler ({@link Api#answer}),
 * and any failure answered by {@link FailureHandler#respond}. {@code DirectPostTest} sends the same malformed requests
 * here and through the router and compares the answers.
 */
final class DirectPost {
  private final Api api;
  private final String path;
  private final String bodySchema;
  private final Api.Handler handler;
  private final int maxBodyBytes;

  DirectPost(Api api, String path, String bodySchema, Api.Handler handler, int maxBodyBytes) {
    this.api = api;
    this.path = path;
    this.bodySchema = bodySchema;
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Whether the request is one this class serves as the router would. Two kinds are left to the router, which
   * treats them in ways of its own: a request without a valid {@code Host} (refused before any route), and a form
   * body, which vertx-web's body handler decodes as form fields (and refuses when malformed) before the handler
   * refuses its media type.
   */
  static boolean takes(HttpServerRequest request) {
    if (request.authority() == null) {
      return false;
    }
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return true;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    return !lower.contains("multipart/form-data") && !lower.contains("application/x-www-form-urlencoded");
  }

  void serve(HttpServerRequest request) {
    long declared = contentLength(request);
    if (declared > maxBodyBytes) {
      fail(request, null, 413);
      return;
    }
    if (declared < 0 && request.version() != HttpVersion.HTTP_2
        && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      // no body at all: the handler says what it needs
      answer(request, null);
      return;
    }
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null) {
      if (!"100-continue".equalsIgnoreCase(expect)) {
        fail(request, null, 417);
        return;
      }
      if (request.version() != HttpVersion.HTTP_1_0) {
        request.response().writeContinue();
      }
    }
    new Body(request, declared).read();
  }

  /** The body as it arrives, refused with 413 once it passes the limit, the rest of it then ignored. */
  private final class Body {
    private final HttpServerRequest request;
    private final Buffer buffer;
    private boolean refused;

    Body(HttpServerRequest request, long declared) {
      this.request = request;
      this.buffer = Buffer.buffer(declared > 0 ? (int) declared : 1024);
    }

    void read() {
      request.handler(chunk -> {
        if (refused) {
          return;
        }
        if (buffer.length() + chunk.length() > maxBodyBytes) {
          refused = true;
          fail(request, null, 413);
          return;
        }
        buffer.appendBuffer(chunk);
      });
      request.exceptionHandler(failure -> {
        if (!refused) {
          refused = true;
          fail(request, failure, 500);
        }
      });
      request.endHandler(end -> {
        if (!refused) {
          answer(request, buffer);
        }
      });
    }
  }

  private void answer(HttpServerRequest request, Buffer body) {
    api.answer(() -> OkapiHeaders.read(new RequestContext.Received(request, body, Map.of(),
        () -> queryParameters(request))), bodySchema, Set.of(), handler).onComplete(done -> {
      if (done.succeeded()) {
        done.result().writeTo(request.response());
      } else {
        fail(request, done.cause(), 500);
      }
    });
  }

  private void fail(HttpServerRequest request, Throwable failure, int status) {
    FailureHandler.respond(request.response(), failure, status, "POST " + path);
  }

  /** The query parameters as vertx-web's routing context decodes them; malformed encoding is its 400. */
  private static MultiMap queryParameters(HttpServerRequest request) {
    MultiMap parameters = MultiMap.caseInsensitiveMultiMap();
    try {
      for (Map.Entry<String, List<String>> parameter : new QueryStringDecoder(request.uri()).parameters().entrySet()) {
        parameters.add(parameter.getKey(), parameter.getValue());
      }
    } catch (IllegalArgumentException e) {
      throw new Malformed(FailureHandler.clientStatusText(400));
    }
    return parameters;
  }

  /** Content-Length, or -1 when there is none or it is not a length (as the body handler reads it). */
  private static long contentLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null || value.isEmpty()) {
      return -1;
    }
    try {
      long length = Long.parseLong(value);
      return length < 0 ? -1 : length;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
