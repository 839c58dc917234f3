package org.folio.contacttracing.paperlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Physical logs should be stored in a secure drawer or cabinet in a locked office when not in use. Logs should be
 * shredded as soon as permitted by law." The register of paper logs makes their shredding a duty the module
 * tracks, not something left to memory.
 */
class PaperLogTest {
  private static final String TENANT = "paperlogs";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID DESK = UUID.randomUUID();
  private static final UUID OFFICER = UUID.randomUUID();
  private static final UUID WITNESS = UUID.randomUUID();
  private static final UUID REQUESTER = UUID.randomUUID();
  private static final Instant DAY = Instant.parse("2026-05-04T12:00:00Z");
  /** Retention 3 days at desk and annex from 2026-05-01: a sheet of 2026-05-03 goes at the start of 2026-05-07. */
  private static String mandateId;
  private static JsonObject mandate;
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(DAY);
    module.install(TENANT);
    mandate = Mandates.mandate("2026-05-01", List.of("name", "phone"), 3, "desk", "annex");
    mandateId = module.as(TENANT, OFFICER).body(mandate.encode()).post("/contact-tracing/mandates")
        .then().statusCode(201).extract().path("id");
    mandate.put("id", mandateId);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void clean() throws SQLException {
    module.clock().set(DAY);
    module.as(TENANT, OFFICER).body("{}").put("/contact-tracing/settings").then().statusCode(204);
    module.as(TENANT, OFFICER).body(mandate.copy().put("retentionDays", 3).encode())
        .put("/contact-tracing/mandates/" + mandateId).then().statusCode(204);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".paper_log; DELETE FROM " + SCHEMA + ".disclosure; "
        + "DELETE FROM " + SCHEMA + ".retention_run; SELECT set_config('contact_tracing.audit_purge', 'on', false); "
        + "DELETE FROM " + SCHEMA + ".audit_event");
  }

  private static JsonObject sheet(String location, String firstDay, String lastDay) {
    return new JsonObject().put("location", location).put("firstDay", firstDay).put("lastDay", lastDay)
        .put("storedAt", "Locked cabinet, branch office").put("mandateId", mandateId);
  }

  private Response register(UUID user, JsonObject sheet) {
    return module.as(TENANT, user).body(sheet.encode()).post("/contact-tracing/paper-logs");
  }

  private String registered(String location, String firstDay, String lastDay) {
    return register(DESK, sheet(location, firstDay, lastDay)).then().statusCode(201).extract().path("id");
  }

  private Response shred(UUID shredder, UUID witness, String id) {
    return module.as(TENANT, shredder).body(new JsonObject().put("witnessUserId", witness.toString()).encode())
        .post("/contact-tracing/paper-logs/" + id + "/shredding");
  }

  private Response dueList() {
    return module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs?status=due");
  }

  private Response timerPurge() {
    return module.bare().header("X-Okapi-Tenant", TENANT).header("X-Okapi-Request-Id", "1/timer")
        .header("Content-Type", "application/json; charset=UTF-8").post("/contact-tracing/retention/purge");
  }

  private List<String> auditActions() {
    return module.as(TENANT, OFFICER).get("/contact-tracing/audit-events?limit=1000").then().statusCode(200)
        .extract().jsonPath().getList("auditEvents.action", String.class);
  }

  private static long paperLogs() throws SQLException {
    return count("SELECT count(*) FROM " + SCHEMA + ".paper_log");
  }

  @Test
  void aSheetKeptUnderTheMandateIsShreddedWhenItsLatestDayWouldBeDestroyed() {
    String id = registered("desk", "2026-05-02", "2026-05-03");
    module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs/" + id).then().statusCode(200)
        .body("location", equalTo("desk")).body("firstDay", equalTo("2026-05-02"))
        .body("lastDay", equalTo("2026-05-03")).body("storedAt", equalTo("Locked cabinet, branch office"))
        .body("mandateId", equalTo(mandateId)).body("status", equalTo("kept")).body("held", equalTo(false))
        .body("registeredByUserId", equalTo(DESK.toString()));
    String shredBy = module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs/" + id).then().extract()
        .path("shredBy");
    assertThat(Instant.parse(shredBy)).isEqualTo(Instant.parse("2026-05-07T00:00:00Z"));

    // counted in the library's own days, as entries are
    module.as(TENANT, OFFICER).body("{\"timeZone\":\"Europe/Berlin\"}").put("/contact-tracing/settings")
        .then().statusCode(204);
    String berlin = register(DESK, sheet("annex", "2026-05-03", "2026-05-03")).then().statusCode(201)
        .extract().path("shredBy");
    assertThat(Instant.parse(berlin)).isEqualTo(Instant.parse("2026-05-06T22:00:00Z"));
    // all at the same moment of the test clock, so in no particular order
    assertThat(auditActions()).containsExactlyInAnyOrder("settings.update", "paper-log.register",
        "paper-log.register");
  }

  @Test
  void withoutAMandateInForceForEveryDayAndTheLocationNothingIsRegistered() throws Exception {
    record Refusal(JsonObject sheet, String code, String field) {
    }
    for (Refusal refusal : List.of(
        new Refusal(sheet("branch", "2026-05-02", "2026-05-03"), "no_mandate_in_force", "mandateId"),
        new Refusal(sheet("desk", "2026-04-30", "2026-05-02"), "no_mandate_in_force", "mandateId"),
        new Refusal(sheet("desk", "2026-05-02", "2026-05-03").put("mandateId", UUID.randomUUID().toString()),
            "no_mandate_in_force", "mandateId"),
        new Refusal(sheet("desk", "2026-05-03", "2026-05-02"), "invalid_period", "lastDay"),
        new Refusal(sheet("desk", "2026-04-01", "2026-05-02"), "period_too_long", "lastDay"),
        new Refusal(sheet("desk", "2026-05-04", "2026-05-05"), "invalid_value", "lastDay"),
        new Refusal(sheet("desk", "2026-05-02", "2026-05-03").put("visitorName", "Mary Marker"),
            "unknown_property", "visitorName"))) {
      register(DESK, refusal.sheet()).then().statusCode(422)
          .body("errors[0].code", equalTo(refusal.code()))
          .body("errors[0].parameters[0].key", equalTo(refusal.field()));
    }
    assertThat(paperLogs()).isZero();
    assertThat(auditActions()).isEmpty();
  }

  @Test
  void registeringAndShreddingNeedANamedStaffMember() throws Exception {
    module.tenant(TENANT).body(sheet("desk", "2026-05-02", "2026-05-03").encode()).post("/contact-tracing/paper-logs")
        .then().statusCode(422).body("errors[0].code", equalTo("user_required"));
    assertThat(paperLogs()).isZero();
    String id = registered("desk", "2026-05-02", "2026-05-03");
    module.tenant(TENANT).body(new JsonObject().put("witnessUserId", WITNESS.toString()).encode())
        .post("/contact-tracing/paper-logs/" + id + "/shredding")
        .then().statusCode(422).body("errors[0].code", equalTo("user_required"));
    module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs/" + id).then().body("status", equalTo("kept"));
  }

  @Test
  void theDueListShowsASheetFromItsShredByOnAndNotBefore() {
    String id = registered("desk", "2026-05-02", "2026-05-03");
    module.clock().set(Instant.parse("2026-05-06T23:59:59Z"));
    dueList().then().statusCode(200).body("totalRecords", equalTo(0)).body("paperLogs", empty());
    module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs?status=kept").then()
        .body("paperLogs.id", contains(id));

    module.clock().set(Instant.parse("2026-05-07T00:00:00Z"));
    dueList().then().statusCode(200).body("totalRecords", equalTo(1)).body("paperLogs[0].id", equalTo(id))
        .body("paperLogs[0].status", equalTo("due")).body("paperLogs[0].held", equalTo(false))
        .body("paperLogs[0].storedAt", equalTo("Locked cabinet, branch office"));
    module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs?status=kept").then().body("totalRecords", equalTo(0));
    module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs?status=due&location=annex").then()
        .body("totalRecords", equalTo(0));
  }

  @Test
  void aPendingDisclosureHoldsTheSheetsInsideItsWindowAndTheDueListSaysSo() {
    String desk = registered("desk", "2026-05-02", "2026-05-03");
    String annex = registered("annex", "2026-05-02", "2026-05-03");
    String disclosure = module.as(TENANT, REQUESTER).body(new JsonObject()
            .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health"))
            .put("legalBasis", "Public Health Act s. 12").put("caseReference", "OUTBREAK-2026-044")
            .put("from", "2026-05-03T09:00:00Z").put("to", "2026-05-03T11:00:00Z")
            .put("locations", new JsonArray().add("desk")).encode())
        .post("/contact-tracing/disclosures").then().statusCode(201).extract().path("id");

    module.clock().set(Instant.parse("2026-05-07T01:00:00Z"));
    dueList().then().body("totalRecords", equalTo(2))
        .body("paperLogs.find { it.id == '" + desk + "' }.held", equalTo(true))
        .body("paperLogs.find { it.id == '" + desk + "' }.heldBy", contains(disclosure))
        .body("paperLogs.find { it.id == '" + annex + "' }.held", equalTo(false));
    shred(OFFICER, WITNESS, desk).then().statusCode(422).body("errors[0].code", equalTo("held_by_disclosure"));
    timerPurge().then().statusCode(200).body("paperLogsHeld", equalTo(1)).body("paperLogsOverdue", equalTo(1));

    // a hold is never a second retention period: at most maxHoldDays (14) past shredBy
    module.clock().set(Instant.parse("2026-05-21T00:00:00Z"));
    dueList().then().body("paperLogs.find { it.id == '" + desk + "' }.held", equalTo(false));
    shred(OFFICER, WITNESS, desk).then().statusCode(200);
  }

  @Test
  void shreddingIsRecordedByOnePersonAndWitnessedByAnother() {
    String id = registered("desk", "2026-05-02", "2026-05-03");
    module.clock().set(Instant.parse("2026-05-07T09:30:00Z"));

    shred(OFFICER, OFFICER, id).then().statusCode(422)
        .body("errors[0].code", equalTo("second_person_required"))
        .body("errors[0].parameters[0].key", equalTo("witnessUserId"));
    dueList().then().body("paperLogs.id", contains(id));

    String shredded = shred(OFFICER, WITNESS, id).then().statusCode(200).body("status", equalTo("shredded"))
        .body("shreddedByUserId", equalTo(OFFICER.toString())).body("witnessedByUserId", equalTo(WITNESS.toString()))
        .extract().path("shreddedDate");
    assertThat(Instant.parse(shredded)).isEqualTo(Instant.parse("2026-05-07T09:30:00Z"));
    dueList().then().body("totalRecords", equalTo(0));
    module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs?status=shredded").then()
        .body("paperLogs.id", contains(id));
    module.as(TENANT, OFFICER).get("/contact-tracing/audit-events?action=paper-log.shred").then()
        .body("totalRecords", equalTo(1)).body("auditEvents[0].userId", equalTo(OFFICER.toString()))
        .body("auditEvents[0].targetId", equalTo(id)).body("auditEvents[0].recordCount", equalTo(1));

    shred(WITNESS, OFFICER, id).then().statusCode(409);
    shred(OFFICER, WITNESS, UUID.randomUUID().toString()).then().statusCode(404);
  }

  @Test
  void thePurgeReportsSheetsPastTheirShredByThatNobodyShredded() {
    String id = registered("desk", "2026-05-02", "2026-05-03");
    timerPurge().then().statusCode(200).body("paperLogsOverdue", equalTo(0));

    module.clock().set(Instant.parse("2026-05-07T02:00:00Z"));
    timerPurge().then().statusCode(200).body("paperLogsOverdue", equalTo(1)).body("paperLogsHeld", equalTo(0));
    module.as(TENANT, OFFICER).get("/contact-tracing/retention/status").then().statusCode(200)
        .body("paperLogsOverdue", equalTo(1)).body("lastRun.paperLogsOverdue", equalTo(1));
    module.as(TENANT, OFFICER).get("/contact-tracing/audit-events?action=retention.overdue").then()
        .body("totalRecords", equalTo(1)).body("auditEvents[0].recordCount", equalTo(1));

    shred(OFFICER, WITNESS, id).then().statusCode(200);
    timerPurge().then().statusCode(200).body("paperLogsOverdue", equalTo(0));
    module.as(TENANT, OFFICER).get("/contact-tracing/retention/status").then()
        .body("paperLogsOverdue", equalTo(0)).body("lastRun.paperLogsOverdue", equalTo(0));
    module.as(TENANT, OFFICER).get("/contact-tracing/audit-events?action=retention.overdue").then()
        .body("totalRecords", equalTo(1));
  }

  @Test
  void theTransparencyReportCountsSheetsRegisteredAndShredded() {
    String first = registered("desk", "2026-05-01", "2026-05-01");
    registered("annex", "2026-05-02", "2026-05-03");
    module.clock().set(Instant.parse("2026-05-05T10:00:00Z"));
    shred(OFFICER, WITNESS, first).then().statusCode(200);

    module.as(TENANT, OFFICER).get("/contact-tracing/transparency-report?from=2026-05-01&to=2026-05-31").then()
        .statusCode(200).body("paperLogsRegistered", equalTo(2)).body("paperLogsShredded", equalTo(1));
    module.as(TENANT, OFFICER).get("/contact-tracing/transparency-report?from=2026-05-05&to=2026-05-05").then()
        .body("paperLogsRegistered", equalTo(0)).body("paperLogsShredded", equalTo(1));
  }

  @Test
  void aShorterRetentionReachesRegisteredSheetsAndALongerOneNeverMovesThemLater() {
    String id = registered("desk", "2026-05-02", "2026-05-03");
    module.as(TENANT, OFFICER).body(mandate.copy().put("retentionDays", 1).encode())
        .put("/contact-tracing/mandates/" + mandateId).then().statusCode(204);
    assertThat(Instant.parse(module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs/" + id).then()
        .extract().<String>path("shredBy"))).isEqualTo(Instant.parse("2026-05-05T00:00:00Z"));
    module.as(TENANT, OFFICER).body(mandate.copy().put("retentionDays", 30).encode())
        .put("/contact-tracing/mandates/" + mandateId).then().statusCode(204);
    assertThat(Instant.parse(module.as(TENANT, OFFICER).get("/contact-tracing/paper-logs/" + id).then()
        .extract().<String>path("shredBy"))).isEqualTo(Instant.parse("2026-05-05T00:00:00Z"));
  }
}
