package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.LogCapture;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever can write to the database cannot move a visit to another location, slot or mandate, or extend its
 * retention, undetected: such a row is refused when read, left out of lists and releases with a count, logged and
 * audited by its id alone, and still destroyed by the purge in time.
 */
class TamperEvidenceTest {
  private static final String TENANT = "tamper";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final UUID DECIDER = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-03-02T10:07:00Z");
  private static ModuleUnderTest module;
  private static String annexMandate;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 21, "main-desk",
        "reading-room").encode()).post("/contact-tracing/mandates").then().statusCode(201);
    annexMandate = module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 21, "annex")
        .encode()).post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void clean() throws Exception {
    module.clock().set(NOW);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log; DELETE FROM " + SCHEMA + ".data_key; "
        + "DELETE FROM " + SCHEMA + ".disclosure; "
        + "SELECT set_config('contact_tracing.audit_purge', 'on', false); DELETE FROM " + SCHEMA + ".audit_event");
  }

  private static String visit(String location, String name) {
    return module.as(TENANT, STAFF).body(new JsonObject().put("location", location).put("name", name)
            .put("phone", "+1 555 0100").put("visitedAt", "2026-03-02T09:20:00Z").encode())
        .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
  }

  private static void tamper(String id, String set) throws Exception {
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".contact_log SET " + set + " WHERE id = '" + id + "'");
  }

  private static Response get(String id) {
    return module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id);
  }

  /** The single entry is refused without its data; the list leaves it out, counts it and serves the rest. */
  private static void assertRefusedAndLeftOut(String id) {
    get(id).then().statusCode(422)
        .body("errors[0].code", equalTo("integrity_check_failed"))
        .body("errors[0].parameters[0].key", equalTo("id"))
        .body(not(containsString("Tampered Visitor"))).body(not(containsString("555 0100")));
    Response list = module.as(TENANT, STAFF).get("/contact-tracing/contact-logs");
    list.then().statusCode(200).body("totalRecords", equalTo(2)).body("integrityFailures", equalTo(1))
        .body("contactLogs.size()", equalTo(1)).body("contactLogs[0].name", equalTo("Intact Visitor"));
    assertThat(list.asString()).doesNotContain("Tampered Visitor").doesNotContain(id);
  }

  @Test
  void anEntryMovedToAnotherLocationIsRefusedLoggedAndAuditedByItsIdAlone() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    visit("main-desk", "Intact Visitor");
    tamper(id, "location = 'reading-room'");

    try (LogCapture logs = LogCapture.capture()) {
      assertRefusedAndLeftOut(id);
      List<String> warnings = logs.events().stream()
          .filter(event -> event.getLevel() == org.apache.logging.log4j.Level.WARN)
          .map(event -> event.getMessage().getFormattedMessage())
          .filter(line -> line.contains(id)).toList();
      assertThat(warnings).hasSize(2).allMatch(line -> line.contains("integrity check"));
      assertThat(logs.lines()).noneMatch(line -> line.contains("Tampered Visitor") || line.contains("555 0100"));
    }
    Response events = module.as(TENANT, STAFF)
        .get("/contact-tracing/audit-events?action=contact-log.integrity-failure");
    events.then().body("totalRecords", equalTo(2));
    assertThat(events.jsonPath().getList("auditEvents.targetId", String.class)).containsOnly(id);
    assertThat(events.asString()).doesNotContain("Tampered Visitor").doesNotContain("555 0100");
  }

  @Test
  void anEntryMovedToAnotherSlotIsRefused() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    visit("main-desk", "Intact Visitor");
    tamper(id, "visited_bucket = visited_bucket + interval '15 minutes'");
    assertRefusedAndLeftOut(id);
  }

  @Test
  void anEntryWithAnotherSlotLengthIsRefused() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    visit("main-desk", "Intact Visitor");
    tamper(id, "bucket_minutes = 60");
    assertRefusedAndLeftOut(id);
  }

  @Test
  void anEntryMovedToAnotherMandateIsRefusedNotAFault() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    visit("main-desk", "Intact Visitor");
    // the other mandate has a key for the same day, so the row still joins one
    visit("annex", "Annex Visitor");
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log WHERE location = 'annex'");
    tamper(id, "mandate_id = '" + annexMandate + "'");
    assertRefusedAndLeftOut(id);
  }

  @Test
  void anEntryWithAnotherEntrysCiphertextIsRefused() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    String other = visit("main-desk", "Intact Visitor");
    tamper(id, "sealed = (SELECT sealed FROM " + SCHEMA + ".contact_log WHERE id = '" + other + "')");
    assertRefusedAndLeftOut(id);
  }

  @Test
  void anEntryWhoseDaysWrappedKeyWasReplacedIsRefusedNotAFault() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    visit("main-desk", "Intact Visitor");
    module.as(TENANT, STAFF).body("{\"location\":\"reading-room\",\"name\":\"Day Before\",\"phone\":\"1\","
        + "\"visitedAt\":\"2026-03-01T12:00:00Z\"}").post("/contact-tracing/contact-logs").then().statusCode(201);
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".data_key k SET wrapped_key = (SELECT o.wrapped_key FROM " + SCHEMA
        + ".data_key o WHERE o.mandate_id = k.mandate_id AND o.visit_day = '2026-03-01') WHERE k.visit_day = '2026-03-02'"
        + " AND k.mandate_id = (SELECT mandate_id FROM " + SCHEMA + ".contact_log WHERE id = '" + id + "')");
    get(id).then().statusCode(422).body("errors[0].code", equalTo("integrity_check_failed"));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs?to=2026-03-02T00:00:00Z").then().statusCode(200)
        .body("contactLogs[0].name", equalTo("Day Before")).body("integrityFailures", equalTo(0));
  }

  @Test
  void aLaterDestroyAfterIsRefusedAndSetBackToTheSealedOne() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    visit("main-desk", "Intact Visitor");
    tamper(id, "destroy_after = destroy_after + interval '300 days'");
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().body("integrityFailures", equalTo(1))
        .body("contactLogs.size()", equalTo(1)).body("contactLogs[0].name", equalTo("Intact Visitor"));

    tamper(id, "destroy_after = destroy_after + interval '300 days'");
    get(id).then().statusCode(422).body("errors[0].code", equalTo("integrity_check_failed"))
        .body(not(containsString("Tampered Visitor")));
    // set back, so the purge destroys it in time; from then on its row matches its seal again
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE id = '" + id
        + "' AND destroy_after = '2026-03-24T00:00:00Z'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".pending_erasure WHERE relation = 'contact_log'"
        + " AND visit_day = '2026-03-02'")).isEqualTo(1);
    get(id).then().statusCode(200).body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));
  }

  @Test
  void anEarlierDestroyAfterReadsFine() throws Exception {
    String id = visit("main-desk", "Shortened Visitor");
    tamper(id, "destroy_after = destroy_after - interval '10 days'");
    get(id).then().statusCode(200).body("name", equalTo("Shortened Visitor"))
        .body("destroyAfter", equalTo("2026-03-14T00:00:00.000Z"));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().body("integrityFailures", equalTo(0));
  }

  @Test
  void aRefusedEntryCannotBeCorrectedButCanBeDeleted() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    tamper(id, "location = 'reading-room'");
    module.as(TENANT, STAFF).body("{\"location\":\"main-desk\",\"name\":\"Laundered\",\"phone\":\"1\"}")
        .put("/contact-tracing/contact-logs/" + id).then().statusCode(422)
        .body("errors[0].code", equalTo("integrity_check_failed"));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE location = 'reading-room'")).isEqualTo(1);
    module.as(TENANT, STAFF).delete("/contact-tracing/contact-logs/" + id).then().statusCode(204);
  }

  @Test
  void aReleaseLeavesRefusedEntriesOutAndCountsThem() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    visit("main-desk", "Intact Visitor");
    tamper(id, "visited_bucket = visited_bucket - interval '15 minutes'");
    String disclosure = module.as(TENANT, STAFF).body(new JsonObject()
            .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health"))
            .put("legalBasis", "Public Health Act s. 12").put("caseReference", "CASE-1")
            .put("from", "2026-03-02T08:00:00Z").put("to", "2026-03-02T10:00:00Z").encode())
        .post("/contact-tracing/disclosures").then().statusCode(201).extract().path("id");
    module.as(TENANT, DECIDER).body("{\"decision\":\"approve\"}")
        .post("/contact-tracing/disclosures/" + disclosure + "/decision").then().statusCode(200);

    Response json = module.as(TENANT, STAFF).post("/contact-tracing/disclosures/" + disclosure + "/releases");
    json.then().statusCode(201).body("totalRecords", equalTo(1)).body("integrityFailures", equalTo(1))
        .body("contactLogs[0].name", equalTo("Intact Visitor"));
    assertThat(json.asString()).doesNotContain("Tampered Visitor");
    Response csv = module.as(TENANT, STAFF).accept("text/csv")
        .post("/contact-tracing/disclosures/" + disclosure + "/releases");
    csv.then().statusCode(201).header("X-Integrity-Failures", "1");
    assertThat(csv.asString()).contains("Intact Visitor").doesNotContain("Tampered Visitor");
    module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=contact-log.integrity-failure")
        .then().body("totalRecords", equalTo(2));
  }

  @Test
  void thePurgeStillDestroysARefusedEntryInTime() throws Exception {
    String id = visit("main-desk", "Tampered Visitor");
    tamper(id, "location = 'reading-room'");
    get(id).then().statusCode(422);

    module.clock().set(Instant.parse("2026-03-24T00:00:00Z").minus(Duration.ofSeconds(1)));
    module.bare().header("X-Okapi-Tenant", TENANT).header("Content-Type", "application/json")
        .post("/contact-tracing/retention/purge").then().statusCode(200).body("contactLogsDestroyed", equalTo(0));
    module.clock().set(Instant.parse("2026-03-24T00:00:00Z"));
    module.bare().header("X-Okapi-Tenant", TENANT).header("Content-Type", "application/json")
        .post("/contact-tracing/retention/purge").then().statusCode(200).body("contactLogsDestroyed", equalTo(1));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isZero();
  }
}
