package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.StoredState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripes PUTs back the record it fetched: every PUT takes what its GET returned, ignores the read-only
 * properties that say what is stored, and refuses (422 read_only_field, nothing stored) those that would change it.
 */
class RecordsRoundTripTest {
  private static final String TENANT = "roundtrip";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final UUID OTHER_STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;
  private static String mandateId;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:07:00Z"));
    module.install(TENANT);
    mandateId = module.as(TENANT, STAFF)
        .body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 21, "main-desk").encode())
        .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private static JsonObject get(String path) {
    return new JsonObject(module.as(TENANT, STAFF).get(path).then().statusCode(200).extract().asString());
  }

  private static io.restassured.response.Response put(String path, JsonObject body, UUID user) {
    return module.as(TENANT, user).body(body.encode()).put(path);
  }

  private static String newEntry() {
    return module.as(TENANT, STAFF)
        .body(new JsonObject().put("location", "main-desk").put("name", "Ada Lovelace").put("phone", "+1 555 0100")
            .encode())
        .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
  }

  private static JsonObject withoutMetadata(JsonObject json) {
    JsonObject copy = json.copy();
    copy.remove("metadata");
    return copy;
  }

  private static long updates(String action) throws Exception {
    return ModuleUnderTest.count("SELECT count(*) FROM " + SCHEMA + ".audit_event WHERE action = '" + action + "'");
  }

  /** Refused with read_only_field naming the property, never a visitor's data, and nothing stored changes. */
  private static void refused(String path, JsonObject body, String field) {
    Map<String, String> before = StoredState.of(SCHEMA);
    String answer = put(path, body, STAFF).then().statusCode(422)
        .body("errors[0].code", equalTo("read_only_field"))
        .body("errors[0].parameters[0].key", equalTo(field))
        .extract().asString();
    assertThat(answer).doesNotContain("Ada").doesNotContain("555 0100");
    assertThat(StoredState.of(SCHEMA)).as(field).isEqualTo(before);
  }

  @Test
  void contactLogTakesBackWhatItsGetReturned() throws Exception {
    String path = "/contact-tracing/contact-logs/" + newEntry();
    JsonObject fetched = get(path);
    assertThat(fetched.fieldNames()).contains("id", "visitedUntil", "mandateId", "destroyAfter");
    long updated = updates("contact-log.update");
    put(path, fetched, STAFF).then().statusCode(204);
    assertThat(get(path)).isEqualTo(fetched);
    assertThat(updates("contact-log.update")).isEqualTo(updated + 1);

    put(path, fetched.copy().put("name", "Ada King"), STAFF).then().statusCode(204);
    assertThat(get(path)).isEqualTo(fetched.copy().put("name", "Ada King"));
  }

  @Test
  void contactLogComparesReadOnlyValuesByMeaningNotBySpelling() {
    String path = "/contact-tracing/contact-logs/" + newEntry();
    JsonObject fetched = get(path);
    assertThat(fetched.getString("destroyAfter")).isEqualTo("2026-03-24T00:00:00.000Z");
    JsonObject respelled = fetched.copy()
        .put("id", fetched.getString("id").toUpperCase())
        .put("mandateId", mandateId.toUpperCase())
        .put("destroyAfter", "2026-03-24T02:00:00+02:00")
        .put("visitedUntil", "2026-03-02T10:15:00.000000Z")
        .put("visitedAt", "2026-03-02T11:00:00.0+01:00");
    put(path, respelled, STAFF).then().statusCode(204);
    assertThat(get(path)).isEqualTo(fetched);
  }

  @Test
  void contactLogRefusesAChangeOfEachReadOnlyFieldAndStoresNothing() {
    String path = "/contact-tracing/contact-logs/" + newEntry();
    JsonObject fetched = get(path);
    JsonObject edited = fetched.copy().put("name", "Ada King");
    refused(path, edited.copy().put("id", UUID.randomUUID().toString()), "id");
    refused(path, edited.copy().put("mandateId", UUID.randomUUID().toString()), "mandateId");
    // destruction can be neither postponed nor brought forward by a PUT
    refused(path, edited.copy().put("destroyAfter", "2027-03-24T00:00:00.000Z"), "destroyAfter");
    refused(path, edited.copy().put("destroyAfter", "2026-03-03T00:00:00.000Z"), "destroyAfter");
    refused(path, edited.copy().put("visitedUntil", "2026-03-02T10:30:00.000Z"), "visitedUntil");
    assertThat(get(path)).isEqualTo(fetched);
  }

  @Test
  void contactLogRefusalNamesEveryChangedReadOnlyField() {
    String path = "/contact-tracing/contact-logs/" + newEntry();
    JsonObject fetched = get(path);
    JsonObject answer = new JsonObject(put(path, fetched.copy().put("mandateId", UUID.randomUUID().toString())
        .put("destroyAfter", "2027-01-01T00:00:00Z"), STAFF).then().statusCode(422).extract().asString());
    assertThat(answer.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("code")))
        .containsOnly("read_only_field");
    assertThat(answer.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getJsonArray("parameters").getJsonObject(0).getString("key")))
        .containsExactlyInAnyOrder("mandateId", "destroyAfter");
  }

  @Test
  void mandateTakesBackWhatItsGetReturnedWhateverItsMetadataSays() throws Exception {
    String path = "/contact-tracing/mandates/" + mandateId;
    JsonObject fetched = get(path);
    assertThat(fetched.fieldNames()).contains("id", "status", "reviewDue", "metadata");
    long updated = updates("mandate.update");
    put(path, fetched, OTHER_STAFF).then().statusCode(204);
    JsonObject after = get(path);
    assertThat(withoutMetadata(after)).isEqualTo(withoutMetadata(fetched));
    assertThat(after.getJsonObject("metadata").getString("updatedByUserId")).isEqualTo(OTHER_STAFF.toString());
    assertThat(updates("mandate.update")).isEqualTo(updated + 1);

    // metadata is the module's: a stale or invented one is ignored, as RMB does
    JsonObject metadata = new JsonObject().put("createdDate", "2020-01-01T00:00:00Z")
        .put("createdByUserId", UUID.randomUUID().toString()).put("updatedDate", "2020-01-01T00:00:00Z");
    put(path, after.copy().put("metadata", metadata).put("reference", "Order 2026-17, amended"), STAFF)
        .then().statusCode(204);
    JsonObject edited = get(path);
    assertThat(withoutMetadata(edited)).isEqualTo(withoutMetadata(fetched).put("reference", "Order 2026-17, amended"));
    assertThat(edited.getJsonObject("metadata").getString("createdDate"))
        .isEqualTo(fetched.getJsonObject("metadata").getString("createdDate"));
    assertThat(edited.getJsonObject("metadata").getString("createdByUserId")).isEqualTo(STAFF.toString());
    put(path, fetched, STAFF).then().statusCode(204);
  }

  @Test
  void mandateRefusesAChangeOfEachReadOnlyFieldAndStoresNothing() {
    String path = "/contact-tracing/mandates/" + mandateId;
    JsonObject fetched = get(path);
    assertThat(fetched.getString("status")).isEqualTo("in-force");
    JsonObject edited = fetched.copy().put("retentionDays", 7);
    refused(path, edited.copy().put("id", UUID.randomUUID().toString()), "id");
    refused(path, edited.copy().put("status", "ended"), "status");
    refused(path, edited.copy().put("reviewDue", true), "reviewDue");
    assertThat(withoutMetadata(get(path))).isEqualTo(withoutMetadata(fetched));
    // status follows the dates: ending the mandate by effectiveUntil with the fetched status is a change it allows
    put(path, fetched.copy().put("effectiveUntil", "2026-03-01"), STAFF).then().statusCode(204);
    assertThat(get(path).getString("status")).isEqualTo("ended");
    put(path, fetched, STAFF).then().statusCode(422).body("errors[0].parameters[0].key", equalTo("status"));
    JsonObject reopened = fetched.copy().put("status", "ended");
    reopened.remove("effectiveUntil");
    put(path, reopened, STAFF).then().statusCode(204);
    assertThat(get(path).getString("status")).isEqualTo("in-force");
  }

  @Test
  void settingsTakeBackWhatTheirGetReturned() throws Exception {
    JsonObject full = new JsonObject(Files.readString(Path.of("ramls/examples/settings.json")));
    full.remove("metadata");
    full.put("timeZone", "UTC");
    try {
      put("/contact-tracing/settings", full, STAFF).then().statusCode(204);
      JsonObject fetched = get("/contact-tracing/settings");
      assertThat(fetched.fieldNames()).contains("statute", "legalCounsel", "noticeWording", "metadata");
      long updated = updates("settings.update");
      module.clock().advance(Duration.ofMinutes(1));
      put("/contact-tracing/settings", fetched, OTHER_STAFF).then().statusCode(204);
      JsonObject after = get("/contact-tracing/settings");
      assertThat(withoutMetadata(after)).isEqualTo(withoutMetadata(fetched));
      assertThat(after.getJsonObject("metadata").getString("updatedByUserId")).isEqualTo(OTHER_STAFF.toString());
      assertThat(updates("settings.update")).isEqualTo(updated + 1);

      JsonObject stale = after.copy().put("releaseHours", 48).put("metadata", fetched.getJsonObject("metadata"));
      put("/contact-tracing/settings", stale, STAFF).then().statusCode(204);
      assertThat(withoutMetadata(get("/contact-tracing/settings")))
          .isEqualTo(withoutMetadata(fetched).put("releaseHours", 48));
    } finally {
      put("/contact-tracing/settings", new JsonObject(), STAFF).then().statusCode(204);
    }
  }
}
