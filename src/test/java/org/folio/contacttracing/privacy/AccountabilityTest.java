package org.folio.contacttracing.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.StoredState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No one acts unaccounted: every request that reads, corrects, deletes or releases personal data, or changes a
 * mandate or a setting, names its staff member, and without one is refused before anything is read or stored.
 * Recording a visit or a decline stays untied to the staff member at the desk.
 */
class AccountabilityTest {
  private static final String TENANT = "accountability";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID OFFICER = UUID.randomUUID();
  private static final UUID DECIDER = UUID.randomUUID();
  private static ModuleUnderTest module;
  private static String mandateId;
  private static String entryId;
  private static String disclosureId;
  private static String paperLogId;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:00:00Z"));
    module.install(TENANT);
    mandateId = module.as(TENANT, OFFICER).body(mandate(21).encode()).post("/contact-tracing/mandates")
        .then().statusCode(201).extract().path("id");
    // recording needs no named staff member
    entryId = module.tenant(TENANT).body("{\"location\":\"main\",\"name\":\"Ann Accountable\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
    module.tenant(TENANT).body("{\"location\":\"main\"}").post("/contact-tracing/declines").then().statusCode(201);
    module.clock().advance(Duration.ofHours(1));
    disclosureId = module.as(TENANT, OFFICER).body(new JsonObject()
            .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health"))
            .put("legalBasis", "Public Health Act s. 12").put("caseReference", "CASE-7")
            .put("from", "2026-03-02T09:00:00Z").put("to", "2026-03-02T11:00:00Z").encode())
        .post("/contact-tracing/disclosures").then().statusCode(201).extract().path("id");
    module.as(TENANT, DECIDER).body("{\"decision\":\"approve\"}")
        .post("/contact-tracing/disclosures/" + disclosureId + "/decision").then().statusCode(200);
    paperLogId = module.as(TENANT, OFFICER).body(paperLog()).post("/contact-tracing/paper-logs")
        .then().statusCode(201).extract().path("id");
  }

  /** A sheet of a day before the disclosure's window, so that the disclosure does not hold it. */
  private static String paperLog() {
    return new JsonObject().put("location", "main").put("firstDay", "2026-03-01").put("lastDay", "2026-03-01")
        .put("storedAt", "Locked drawer, main office").put("mandateId", mandateId).encode();
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private static JsonObject mandate(int retentionDays) {
    return Mandates.mandate("2026-03-01", List.of("name"), retentionDays).put("effectiveUntil", "2026-12-31");
  }

  private record Call(String name, Function<RequestSpecification, Response> send) {
  }

  private static List<Call> accountableCalls() {
    String entry = "{\"location\":\"main\",\"name\":\"Ann Corrected\"}";
    String mandate = mandate(14).encode();
    return List.of(
        new Call("GET contact-logs", r -> r.get("/contact-tracing/contact-logs")),
        new Call("GET contact-log", r -> r.get("/contact-tracing/contact-logs/" + entryId)),
        new Call("PUT contact-log", r -> r.body(entry).put("/contact-tracing/contact-logs/" + entryId)),
        new Call("DELETE contact-log", r -> r.delete("/contact-tracing/contact-logs/" + entryId)),
        new Call("release", r -> r.post("/contact-tracing/disclosures/" + disclosureId + "/releases")),
        new Call("release as CSV", r -> r.accept("text/csv")
            .post("/contact-tracing/disclosures/" + disclosureId + "/releases")),
        new Call("POST mandate", r -> r.body(Mandates.mandate("2027-01-01", List.of("name"), 7).encode())
            .post("/contact-tracing/mandates")),
        new Call("PUT mandate", r -> r.body(mandate).put("/contact-tracing/mandates/" + mandateId)),
        new Call("DELETE mandate", r -> r.delete("/contact-tracing/mandates/" + mandateId)),
        new Call("POST paper-log", r -> r.body(paperLog()).post("/contact-tracing/paper-logs")),
        new Call("POST paper-log shredding", r -> r.body(new JsonObject().put("witnessUserId", DECIDER.toString())
            .encode()).post("/contact-tracing/paper-logs/" + paperLogId + "/shredding")),
        new Call("PUT settings", r -> r.body("{\"timeGranularityMinutes\":60}").put("/contact-tracing/settings")));
  }

  @Test
  void readingCorrectingDeletingReleasingAndChangingTheRulesNeedANamedStaffMember() {
    Map<String, String> before = StoredState.of(SCHEMA);
    for (Call call : accountableCalls()) {
      for (RequestSpecification anonymous : List.of(module.tenant(TENANT),
          module.tenant(TENANT).header("X-Okapi-User-Id", ""))) {
        call.send().apply(anonymous).then().statusCode(422).contentType(ContentType.JSON)
            .body("errors[0].code", equalTo("user_required"))
            .body("errors[0].parameters[0].key", equalTo("X-Okapi-User-Id"));
      }
      // refused before anything was read or stored: not even an audit event of a read
      assertThat(StoredState.of(SCHEMA)).as(call.name()).isEqualTo(before);
    }
    // the same calls with a staff member go through
    for (Call call : accountableCalls()) {
      if (!call.name().startsWith("DELETE")) {
        assertThat(call.send().apply(module.as(TENANT, OFFICER)).statusCode()).as(call.name()).isLessThan(300);
      }
    }
  }

  @Test
  void recordingVisitsAndDeclinesAndReadingWhatHoldsNoPersonalDataNeedNoNamedStaffMember() {
    module.tenant(TENANT).body("{\"location\":\"annex\",\"name\":\"Bea Anonymous-Desk\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201);
    module.tenant(TENANT).body("{\"location\":\"annex\"}").post("/contact-tracing/declines").then().statusCode(201);
    module.tenant(TENANT).get("/contact-tracing/notice").then().statusCode(200);
    module.tenant(TENANT).get("/contact-tracing/settings").then().statusCode(200);
    module.tenant(TENANT).get("/contact-tracing/mandates").then().statusCode(200);
    module.tenant(TENANT).get("/contact-tracing/paper-logs?status=due").then().statusCode(200);
  }
}
