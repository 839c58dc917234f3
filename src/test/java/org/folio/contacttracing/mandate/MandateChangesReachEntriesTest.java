package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An entry's destroyAfter never moves later once set, and a mandate's change reaches what is already stored
 * under it: a shorter retention (entries and decline counts) and a field it stops collecting.
 */
class MandateChangesReachEntriesTest {
  private static final String TENANT = "mandatereach";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-03-02T10:07:00Z");
  private static ModuleUnderTest module;
  private static String mandateId;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    mandateId = module.as(TENANT, STAFF).body(mandate(21, "name", "phone", "email").encode())
        .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
    // another mandate elsewhere, whose declines a change of the first must not reach
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 21, "annex").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void clean() throws Exception {
    module.clock().set(NOW);
    module.as(TENANT, STAFF).body("{}").put("/contact-tracing/settings").then().statusCode(204);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log; DELETE FROM " + SCHEMA + ".decline_count; "
        + "DELETE FROM " + SCHEMA + ".pending_erasure");
    changeMandate(mandate(21, "name", "phone", "email"));
    ModuleUnderTest.execute("SELECT set_config('contact_tracing.audit_purge', 'on', false); "
        + "DELETE FROM " + SCHEMA + ".audit_event");
  }

  private static JsonObject mandate(int retentionDays, String... fields) {
    return Mandates.mandate("2026-03-01", List.of(fields), retentionDays, "main-desk");
  }

  private static void changeMandate(JsonObject body) {
    module.as(TENANT, STAFF).body(body.encode()).put("/contact-tracing/mandates/" + mandateId).then().statusCode(204);
  }

  private static JsonObject visit() {
    return new JsonObject().put("location", "main-desk").put("name", "Ada Lovelace").put("phone", "+1 555 0100")
        .put("email", "ada@example.org");
  }

  private static String post(JsonObject visit) {
    return module.as(TENANT, STAFF).body(visit.encode()).post("/contact-tracing/contact-logs")
        .then().statusCode(201).extract().path("id");
  }

  private static Response get(String id) {
    return module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id);
  }

  private static void correct(String id, JsonObject visit) {
    module.as(TENANT, STAFF).body(visit.encode()).put("/contact-tracing/contact-logs/" + id).then().statusCode(204);
  }

  private Response purge() {
    return module.bare().header("X-Okapi-Tenant", TENANT).header("Content-Type", "application/json")
        .post("/contact-tracing/retention/purge");
  }

  @Test
  void aCorrectionAfterTheRetentionWasRaisedKeepsDestroyAfter() {
    String id = post(visit());
    get(id).then().body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));

    changeMandate(mandate(366, "name", "phone", "email"));
    correct(id, visit().put("name", "Ada King"));

    get(id).then().statusCode(200).body("name", equalTo("Ada King"))
        .body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));
  }

  @Test
  void aCorrectionToALaterSlotOrDayDoesNotPostponeDestruction() {
    String id = post(visit().put("visitedAt", "2026-03-01T12:00:00Z"));
    get(id).then().body("destroyAfter", equalTo("2026-03-23T00:00:00.000Z"));

    correct(id, visit().put("visitedAt", "2026-03-02T10:00:00Z"));

    get(id).then().statusCode(200).body("visitedAt", equalTo("2026-03-02T10:00:00.000Z"))
        .body("destroyAfter", equalTo("2026-03-23T00:00:00.000Z"));
  }

  @Test
  void aShorterRetentionReachesStoredEntriesInTheLibrarysTimeZoneAndThePurgeDestroysThemThen() throws Exception {
    module.as(TENANT, STAFF).body("{\"timeZone\":\"Europe/Berlin\"}").put("/contact-tracing/settings")
        .then().statusCode(204);
    String id = post(visit());
    // 2026-03-02 in Berlin, kept 21 days: until the start of 2026-03-24 there
    get(id).then().body("destroyAfter", equalTo("2026-03-23T23:00:00.000Z"));

    module.clock().advance(java.time.Duration.ofSeconds(1));
    changeMandate(mandate(3, "name", "phone", "email"));

    get(id).then().statusCode(200).body("destroyAfter", equalTo("2026-03-05T23:00:00.000Z"))
        .body("name", equalTo("Ada Lovelace"));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".pending_erasure WHERE relation = 'contact_log'"
        + " AND visit_day = '2026-03-02'")).isEqualTo(1);
    Response events = module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=mandate.update&limit=1");
    assertThat(events.jsonPath().getInt("auditEvents[0].details.contactLogsShortened")).isEqualTo(1);

    // raising it again moves nothing later
    changeMandate(mandate(30, "name", "phone", "email"));
    get(id).then().body("destroyAfter", equalTo("2026-03-05T23:00:00.000Z"));

    module.clock().set(Instant.parse("2026-03-05T22:59:59Z"));
    purge().then().statusCode(200).body("contactLogsDestroyed", equalTo(0));
    module.clock().set(Instant.parse("2026-03-05T23:00:00Z"));
    purge().then().statusCode(200).body("contactLogsDestroyed", equalTo(1));
    get(id).then().statusCode(404);
  }

  @Test
  void declineCountsUnderAShortenedMandateAreDestroyedAtTheShortenedTime() throws Exception {
    module.as(TENANT, STAFF).body("{\"location\":\"main-desk\"}").post("/contact-tracing/declines")
        .then().statusCode(201).body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));
    module.as(TENANT, STAFF).body("{\"location\":\"annex\"}").post("/contact-tracing/declines")
        .then().statusCode(201);

    changeMandate(mandate(3, "name", "phone", "email"));

    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".decline_count WHERE location = 'main-desk'"
        + " AND destroy_after = '2026-03-06T00:00:00Z'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".decline_count WHERE location = 'annex'"
        + " AND destroy_after = '2026-03-24T00:00:00Z'")).isEqualTo(1);
    module.clock().set(Instant.parse("2026-03-05T23:59:59Z"));
    purge().then().statusCode(200).body("declineCountsDestroyed", equalTo(0));
    module.clock().set(Instant.parse("2026-03-06T00:00:00Z"));
    purge().then().statusCode(200).body("declineCountsDestroyed", equalTo(1));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".decline_count")).isEqualTo(1);
  }

  @Test
  void aFieldTheMandateStopsCollectingLeavesTheStoredEntries() throws Exception {
    String id = post(visit());
    String other = post(visit().put("name", "Grace Hopper").put("email", "grace@example.org"));
    byte[] before = sealed(id);

    module.clock().advance(java.time.Duration.ofSeconds(1));
    changeMandate(mandate(21, "name", "phone"));

    get(id).then().statusCode(200).body("$", not(hasKey("email")))
        .body("name", equalTo("Ada Lovelace")).body("phone", equalTo("+1 555 0100"))
        .body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));
    Response list = module.as(TENANT, STAFF).get("/contact-tracing/contact-logs");
    list.then().body("totalRecords", equalTo(2)).body("integrityFailures", equalTo(0));
    assertThat(list.asString()).doesNotContain("example.org");
    get(other).then().body("name", equalTo("Grace Hopper"));
    // sealed again without it: another ciphertext, and the old one's day marked for the purge to rewrite
    assertThat(sealed(id)).isNotEqualTo(before);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".pending_erasure WHERE relation = 'contact_log'"
        + " AND visit_day = '2026-03-02'")).isEqualTo(1);
    Response events = module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=mandate.update&limit=1");
    assertThat(events.jsonPath().getInt("auditEvents[0].details.contactLogsResealed")).isEqualTo(2);
    assertThat(events.asString()).doesNotContain("example.org").doesNotContain("Ada");

    // collecting it again brings nothing back
    changeMandate(mandate(21, "name", "phone", "email"));
    get(id).then().body("$", not(hasKey("email")));
  }

  @Test
  void aFieldDroppedTogetherWithAShorterRetentionSealsTheShorterDestroyAfter() {
    String id = post(visit());

    JsonObject narrowed = mandate(5, "name", "phone");
    narrowed.put("collectedFields", new JsonArray(Arrays.asList("phone", "name")));
    changeMandate(narrowed);

    get(id).then().statusCode(200).body("$", not(hasKey("email")))
        .body("destroyAfter", equalTo("2026-03-08T00:00:00.000Z"));
  }

  @Test
  void aShortenedEntryMovedBackToItsEarlierDateBySqlIsRefusedAndSetBackToTheShortenedOne() throws Exception {
    String id = post(visit());
    get(id).then().body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));
    module.clock().advance(java.time.Duration.ofSeconds(1));
    changeMandate(mandate(3, "name", "phone", "email"));
    get(id).then().statusCode(200).body("destroyAfter", equalTo("2026-03-06T00:00:00.000Z"));

    // whoever can write the table puts back the date the entry had before the mandate was shortened
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".contact_log SET destroy_after = '2026-03-24T00:00:00Z'"
        + " WHERE id = '" + id + "'");

    get(id).then().statusCode(422).body("errors[0].code", equalTo("integrity_check_failed"));
    // set back to the shortened date, never to the later one sealed before the change
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE id = '" + id
        + "' AND destroy_after = '2026-03-06T00:00:00Z'")).isEqualTo(1);
    get(id).then().statusCode(200).body("destroyAfter", equalTo("2026-03-06T00:00:00.000Z"));
  }

  private static byte[] sealed(String id) throws Exception {
    try (Connection conn = TestPostgres.connect();
        ResultSet rs = conn.createStatement().executeQuery("SELECT sealed FROM " + SCHEMA + ".contact_log WHERE id = '"
            + id + "'")) {
      rs.next();
      return rs.getBytes(1);
    }
  }
}
