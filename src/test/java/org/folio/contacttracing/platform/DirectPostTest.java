package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recording a visit is served in front of vertx-web's router (issue 16). A client must not be able to tell: every
 * request, well formed or not, gets the same answer as through the router, which serves the same route when the
 * path is spelled with a trailing slash. And a refused request stores nothing.
 */
class DirectPostTest {
  private static final String TENANT = "directpost";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final String DIRECT = "/contact-tracing/contact-logs";
  private static final String ROUTER = DIRECT + "/";
  private static final String VISIT = "{\"location\":\"desk-1\",\"name\":\"Ada Visitor\"}";
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start();
    module.install(TENANT);
    module.as(TENANT, UUID.randomUUID()).body(Mandates.mandate("2026-03-01", List.of("name"), 21, "desk-1").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @Test
  void recordingAVisitIsTheRouteServedDirectly() {
    assertThat(module.module().directRoutes()).containsExactly("POST " + DIRECT);
    assertThat(module.module().routes()).contains("POST " + DIRECT);
  }

  static Stream<Arguments> malformed() {
    String big = "{\"location\":\"desk-1\",\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
    String tenant = "X-Okapi-Tenant: " + TENANT;
    String json = "Content-Type: application/json";
    return Stream.of(
        request("no tenant", "POST %s HTTP/1.1", VISIT, json),
        request("hostile tenant", "POST %s HTTP/1.1", VISIT, json, "X-Okapi-Tenant: a;drop schema public"),
        request("malformed user id", "POST %s HTTP/1.1", VISIT, json, tenant, "X-Okapi-User-Id: nobody"),
        request("unknown query parameter", "POST %s?location=desk-1 HTTP/1.1", VISIT, json, tenant),
        request("malformed query", "POST %s?%%zz=1 HTTP/1.1", VISIT, json, tenant),
        request("text body", "POST %s HTTP/1.1", "location=desk-1", "Content-Type: text/plain", tenant),
        request("no body", "POST %s HTTP/1.1", null, json, tenant),
        request("empty body", "POST %s HTTP/1.1", "", json, tenant),
        request("not JSON", "POST %s HTTP/1.1", "{not json", json, tenant),
        request("a JSON array", "POST %s HTTP/1.1", "[1,2]", json, tenant),
        request("NUL in a value", "POST %s HTTP/1.1", "{\"location\":\"desk-1\",\"name\":\"A\\u0000\"}", json, tenant),
        request("no location", "POST %s HTTP/1.1", "{\"name\":\"Ada\"}", json, tenant),
        request("a field the schema does not know", "POST %s HTTP/1.1",
            "{\"location\":\"desk-1\",\"name\":\"Ada\",\"shoeSize\":42}", json, tenant),
        request("a field the mandate does not name", "POST %s HTTP/1.1",
            "{\"location\":\"desk-1\",\"name\":\"Ada\",\"phone\":\"555\"}", json, tenant),
        request("no mandate at the location", "POST %s HTTP/1.1", "{\"location\":\"desk-9\",\"name\":\"Ada\"}",
            json, tenant),
        request("too large, declared", "POST %s HTTP/1.1", big, json, tenant),
        chunked("too large, chunked", big, json, tenant),
        chunked("chunked, not JSON", "{not json", json, tenant),
        request("expecting 100-continue", "POST %s HTTP/1.1", "{not json", json, tenant, "Expect: 100-continue"),
        request("expecting 100-continue over HTTP/1.0", "POST %s HTTP/1.0", "{not json", json, tenant,
            "Expect: 100-continue"),
        request("expecting something else", "POST %s HTTP/1.1", VISIT, json, tenant, "Expect: a-miracle"),
        withoutHost("no Host header", VISIT, json, tenant),
        request("a form", "POST %s HTTP/1.1", "location=desk-1&name=Ada", "Content-Type: application/x-www-form-urlencoded",
            tenant),
        request("a malformed form", "POST %s HTTP/1.1", "{\"name\":\"50% off\"}",
            "Content-Type: application/x-www-form-urlencoded", tenant),
        request("a length that is not one", "POST %s HTTP/1.1", null, json, tenant, "Content-Length: ten"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aRefusedRequestGetsTheRoutersAnswerAndStoresNothing(String name, String head, byte[] body) throws Exception {
    long stored = count("SELECT count(*) FROM " + SCHEMA + ".contact_log");
    RawHttp.Answer direct = RawHttp.exchange(module.port(), head.formatted(DIRECT), body);
    RawHttp.Answer routed = RawHttp.exchange(module.port(), head.formatted(ROUTER), body);
    assertThat(direct.status()).as(name).isBetween(100, 499).isNotIn(200, 201);
    assertThat(direct.text()).as(name).isEqualTo(routed.text());
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).as(name).isEqualTo(stored);
  }

  @Test
  void aVisitIsRecordedTheSameWayByBoth() throws Exception {
    long stored = count("SELECT count(*) FROM " + SCHEMA + ".contact_log");
    String head = "POST %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Okapi-Tenant: " + TENANT
        + "\r\nContent-Type: application/json\r\nContent-Length: " + VISIT.length();
    RawHttp.Answer direct = RawHttp.exchange(module.port(), head.formatted(DIRECT), VISIT.getBytes(StandardCharsets.UTF_8));
    RawHttp.Answer routed = RawHttp.exchange(module.port(), head.formatted(ROUTER), VISIT.getBytes(StandardCharsets.UTF_8));
    for (RawHttp.Answer answer : List.of(direct, routed)) {
      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.header("Content-Type")).isEqualTo("application/json");
      JsonObject receipt = new JsonObject(answer.body());
      assertThat(answer.header("Location")).isEqualTo(DIRECT + "/" + receipt.getString("id"));
    }
    assertThat(new JsonObject(direct.body()).fieldNames()).isEqualTo(new JsonObject(routed.body()).fieldNames());
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isEqualTo(stored + 2);
  }

  /** A request as written on the wire: {@code head} a format with the path as its one argument. */
  private static Arguments request(String name, String requestLine, String body, String... headers) {
    StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close");
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      head.append("\r\nContent-Length: ").append(bytes.length);
    }
    return Arguments.of(name, head.toString(), bytes);
  }

  /** A request without the Host header HTTP/1.1 requires. */
  private static Arguments withoutHost(String name, String body, String... headers) {
    Arguments withHost = request(name, "POST %s HTTP/1.1", body, headers);
    return Arguments.of(name, ((String) withHost.get()[1]).replace("\r\nHost: localhost", ""), withHost.get()[2]);
  }

  /** The body sent in chunks of 4 KiB. */
  private static Arguments chunked(String name, String body, String... headers) {
    StringBuilder head = new StringBuilder("POST %s HTTP/1.1\r\nHost: localhost\r\nConnection: close");
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    head.append("\r\nTransfer-Encoding: chunked");
    StringBuilder chunks = new StringBuilder();
    for (int at = 0; at < body.length(); at += 4096) {
      String chunk = body.substring(at, Math.min(body.length(), at + 4096));
      chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    chunks.append("0\r\n\r\n");
    return Arguments.of(name, head.toString(), chunks.toString().getBytes(StandardCharsets.UTF_8));
  }
}
