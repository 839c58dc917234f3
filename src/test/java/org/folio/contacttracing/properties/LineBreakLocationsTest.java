package org.folio.contacttracing.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.StoredState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A location code is 1 to 64 letters, digits, '.', '_' and '-', and nothing after them. Java's {@code $} also
 * matches before a final line break, so {@code "main\n"} once passed the schemas' patterns and was stored under a
 * mandate for all locations: a location that no location-scoped disclosure or hold names. Every body that carries a
 * location refuses it, and nothing is stored.
 */
class LineBreakLocationsTest {
  private static final String TENANT = "props_linebreaks";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;
  private static String mandateId;
  private static String entryId;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:07:00Z"));
    module.install(TENANT);
    // in force for all locations, so that only the location rule stands between "main\n" and the log
    mandateId = module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 21)
            .put("effectiveUntil", "2026-12-31").encode())
        .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
    entryId = module.as(TENANT, STAFF).body("{\"location\":\"main\",\"name\":\"Lin Break\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private record Body(String method, String path, JsonObject body, String field) {
  }

  private static List<Body> bodies(String location) {
    JsonObject disclosure = new JsonObject()
        .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health"))
        .put("legalBasis", "Public Health Act s. 12").put("caseReference", "CASE-1")
        .put("from", "2026-03-02T09:00:00Z").put("to", "2026-03-02T10:00:00Z");
    JsonObject laterMandate = Mandates.mandate("2027-01-01", List.of("name"), 7, "annex", location);
    return List.of(
        new Body("POST", "/contact-tracing/contact-logs",
            new JsonObject().put("location", location).put("name", "Lin Break"), "location"),
        new Body("PUT", "/contact-tracing/contact-logs/" + entryId,
            new JsonObject().put("location", location).put("name", "Lin Break"), "location"),
        new Body("POST", "/contact-tracing/declines", new JsonObject().put("location", location), "location"),
        new Body("POST", "/contact-tracing/mandates", laterMandate, "locations[1]"),
        new Body("PUT", "/contact-tracing/mandates/" + mandateId, Mandates.mandate("2026-03-01", List.of("name"), 21,
            location).put("effectiveUntil", "2026-12-31"), "locations[0]"),
        new Body("POST", "/contact-tracing/disclosures",
            disclosure.copy().put("locations", new JsonArray().add(location)), "locations[0]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"main\n", "main\r\n", "main\r", "main\u0085", "main\u2028", "main\u2029", "main\n\n",
      "\nmain", "ma\nin", "main\t", "main ", "main\u00a0"})
  void aLocationWithALineBreakOrAnythingElseAfterTheCodeIsRefusedAndNothingIsStored(String location) {
    Map<String, String> before = StoredState.of(SCHEMA);
    for (Body call : bodies(location)) {
      Response response = module.as(TENANT, STAFF).body(call.body().encode())
          .request(call.method(), call.path());
      response.then().statusCode(422).contentType(startsWith("application/json"))
          .body("errors[0].code", equalTo("invalid_value"))
          .body("errors[0].parameters[0].key", equalTo(call.field()));
      assertThat(StoredState.of(SCHEMA)).as("%s %s", call.method(), call.path()).isEqualTo(before);
    }
    // and as a query parameter
    String query = URLEncoder.encode(location, StandardCharsets.UTF_8);
    for (String path : List.of("/contact-tracing/contact-logs", "/contact-tracing/mandates", "/contact-tracing/notice",
        "/contact-tracing/visit-counts?from=2026-03-01&to=2026-03-02&")) {
      String separator = path.endsWith("&") ? "" : "?";
      module.as(TENANT, STAFF).urlEncodingEnabled(false).get(path + separator + "location=" + query)
          .then().statusCode(400);
    }
    assertThat(StoredState.of(SCHEMA)).isEqualTo(before);
  }
}
