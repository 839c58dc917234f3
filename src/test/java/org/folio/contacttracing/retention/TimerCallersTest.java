package org.folio.contacttracing.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.platform.json.SchemaValidator;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purge as each platform fires it: Okapi's {@code _timer} with no user (with or without a module token from
 * mod-authtoken), and Eureka's mod-scheduler with its system user's token, where the sidecar sets
 * {@code X-Okapi-User-Id}. Both work, and the run and its audit events say which.
 */
class TimerCallersTest {
  private static final String TENANT = "timercallers";
  private static final UUID STAFF = UUID.randomUUID();
  private static final UUID SYSTEM_USER = UUID.randomUUID();
  private static final SchemaValidator STATUS_SCHEMA = SchemaValidator.load(List.of("retentionStatus.json"));
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  /** A fresh tenant with one entry of 2 March, due on 4 March, the clock on 4 March: the next run destroys it. */
  @BeforeEach
  void oneEntryDue() {
    module.install(TENANT);
    module.clock().set(Instant.parse("2026-03-02T10:00:00Z"));
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 1).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    module.as(TENANT, STAFF).body("{\"location\":\"desk\",\"name\":\"Ada Visitor\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201);
    module.clock().set(Instant.parse("2026-03-04T00:30:00Z"));
  }

  /** Okapi's call: what okapi.md records, with the module token Okapi asks mod-authtoken for when it is enabled. */
  private Response okapiTimer(boolean withModuleToken) {
    var request = module.bare().header("X-Okapi-Tenant", TENANT).header("X-Okapi-Request-Id", "704211/timer")
        .header("X-Okapi-Url", "http://okapi:9130").header("Content-Type", "application/json; charset=UTF-8")
        .header("Accept", "*/*");
    return withModuleToken ? request.header("X-Okapi-Token", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")
        .post("/contact-tracing/retention/purge") : request.post("/contact-tracing/retention/purge");
  }

  /** mod-scheduler's call through the sidecar: the system user's token, and the user id the sidecar took from it. */
  private Response schedulerTimer() {
    return module.bare().header("X-Okapi-Tenant", TENANT).header("X-Okapi-Request-Id", "083145")
        .header("X-Okapi-Url", "http://sidecar:8082").header("X-Okapi-Token", "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl")
        .header("X-Okapi-User-Id", SYSTEM_USER.toString()).header("Content-Type", "application/json")
        .post("/contact-tracing/retention/purge");
  }

  private JsonPath lastRun() {
    Response status = module.as(TENANT, STAFF).get("/contact-tracing/retention/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(STATUS_SCHEMA.check("retentionStatus.json", new JsonObject(status.asString()))).isEmpty();
    return status.jsonPath().setRootPath("lastRun");
  }

  private Map<String, Object> onlyEvent(String action) {
    List<Map<String, Object>> events = module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=" + action)
        .then().statusCode(200).extract().jsonPath().getList("auditEvents");
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Map<String, Object> event) {
    return (Map<String, Object>) event.get("details");
  }

  @Test
  void okapisTimerWithoutUserIsRecordedAsTheTimerAndNamesNobody() {
    JsonPath answer = okapiTimer(false).then().statusCode(200).extract().jsonPath();
    assertThat(answer.getInt("contactLogsDestroyed")).isEqualTo(1);
    assertThat(answer.getString("firedBy")).isEqualTo("okapi-timer");
    assertThat(answer.getMap("")).doesNotContainKey("firedByUserId");

    JsonPath run = lastRun();
    assertThat(run.getString("firedBy")).isEqualTo("okapi-timer");
    assertThat(run.getMap("")).doesNotContainKey("firedByUserId");

    Map<String, Object> purge = onlyEvent("retention.purge");
    assertThat(purge).doesNotContainKey("userId");
    assertThat(details(purge)).containsEntry("firedBy", "okapi-timer")
        .doesNotContainKey("firedByUserId");
    // no person is credited with the run: a search by any staff member's id does not find it
    assertThat(module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=retention.purge&userId=" + STAFF)
        .then().statusCode(200).extract().jsonPath().getInt("totalRecords")).isZero();
  }

  @Test
  void okapisTimerWithAModuleTokenButNoUserIsStillTheTimer() {
    okapiTimer(true).then().statusCode(200);
    assertThat(lastRun().getString("firedBy")).isEqualTo("okapi-timer");
    assertThat(onlyEvent("retention.purge")).doesNotContainKey("userId");
  }

  @Test
  void schedulersSystemUserIsAcceptedAndNamedInTheRunAndItsAudit() {
    JsonPath answer = schedulerTimer().then().statusCode(200).extract().jsonPath();
    assertThat(answer.getInt("contactLogsDestroyed")).isEqualTo(1);
    assertThat(answer.getString("firedBy")).isEqualTo("system-user");
    assertThat(answer.getString("firedByUserId")).isEqualTo(SYSTEM_USER.toString());

    JsonPath run = lastRun();
    assertThat(run.getString("firedBy")).isEqualTo("system-user");
    assertThat(run.getString("firedByUserId")).isEqualTo(SYSTEM_USER.toString());

    Map<String, Object> purge = onlyEvent("retention.purge");
    assertThat(purge).containsEntry("userId", SYSTEM_USER.toString());
    assertThat(details(purge)).containsEntry("firedBy", "system-user")
        .containsEntry("firedByUserId", SYSTEM_USER.toString());
  }

  @Test
  void theDesksRecordingCountsNameNeitherTheDeskNorTheSystemUser() {
    // the entry's slot has ended but it is not due: the run counts it into the recording counts
    module.clock().set(Instant.parse("2026-03-02T11:00:00Z"));
    schedulerTimer().then().statusCode(200).body("contactLogsCounted", org.hamcrest.Matchers.equalTo(1));
    Map<String, Object> recorded = onlyEvent("contact-log.create");
    assertThat(recorded).doesNotContainKey("userId");
    assertThat(recorded.toString()).doesNotContain(SYSTEM_USER.toString()).doesNotContain(STAFF.toString());
  }

  @Test
  void theLastRunSaysWhoFiredItWhenTheCallersAlternate() {
    schedulerTimer().then().statusCode(200);
    assertThat(lastRun().getString("firedBy")).isEqualTo("system-user");
    module.clock().set(Instant.parse("2026-03-04T01:30:00Z"));
    okapiTimer(false).then().statusCode(200);
    JsonPath run = lastRun();
    assertThat(run.getString("firedBy")).isEqualTo("okapi-timer");
    assertThat(run.getMap("")).doesNotContainKey("firedByUserId");
  }

  @Test
  void aUserIdThatIsNotAUuidIsRefusedAndNoRunIsRecorded() {
    module.bare().header("X-Okapi-Tenant", TENANT).header("X-Okapi-User-Id", "system")
        .post("/contact-tracing/retention/purge").then().statusCode(400);
    assertThat(module.as(TENANT, STAFF).get("/contact-tracing/retention/status").jsonPath().getMap(""))
        .doesNotContainKey("lastRun");
    assertThat(module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").jsonPath().getInt("totalRecords"))
        .isEqualTo(1);
  }
}
