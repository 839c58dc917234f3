package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactLogApiTest {
  private static final String TENANT = "contactlogs";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
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

  @BeforeEach
  void clean() throws Exception {
    module.clock().set(Instant.parse("2026-03-02T10:07:00Z"));
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log");
  }

  private Response post(JsonObject body) {
    return module.as(TENANT, STAFF).body(body.encode()).post("/contact-tracing/contact-logs");
  }

  private static JsonObject visit() {
    return new JsonObject().put("location", "main-desk").put("name", "Ada Lovelace").put("phone", "+1 555 0100");
  }

  private long stored() throws Exception {
    return count("SELECT count(*) FROM " + SCHEMA + ".contact_log");
  }

  @Test
  void visitIsStoredCoarsenedAndTheDeskGetsNothingPersonalBack() throws Exception {
    Response created = post(visit());
    created.then().statusCode(201)
        .header("Location", startsWith("/contact-tracing/contact-logs/"))
        .body("location", equalTo("main-desk"))
        .body("visitedAt", equalTo("2026-03-02T10:00:00.000Z"))
        .body("mandateId", equalTo(mandateId))
        .body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"))
        .body(not(containsString("Ada"))).body(not(containsString("555 0100")));
    assertThat(created.jsonPath().getMap("$").keySet())
        .containsExactlyInAnyOrder("id", "location", "visitedAt", "mandateId", "destroyAfter", "recordedFields");
    assertThat(created.jsonPath().getList("recordedFields")).containsExactly("name", "phone");
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE visited_bucket = "
        + "'2026-03-02T10:00:00Z' AND position('Ada'::bytea in sealed) = 0")).isEqualTo(1);
  }

  @Test
  void visitedAtInThePastIsAcceptedAndCoarsenedToTheTenantsGranularity() throws Exception {
    module.as(TENANT, STAFF).body("{\"timeGranularityMinutes\":30}").put("/contact-tracing/settings")
        .then().statusCode(204);
    try {
      post(visit().put("visitedAt", "2026-03-02T09:59:59+00:00")).then().statusCode(201)
          .body("visitedAt", equalTo("2026-03-02T09:30:00.000Z"));
    } finally {
      module.as(TENANT, STAFF).body("{}").put("/contact-tracing/settings").then().statusCode(204);
    }
  }

  @Test
  void refusalsNameTheFieldNeverTheValueAndStoreNothing() throws Exception {
    post(visit().put("email", "ada@example.org")).then().statusCode(422)
        .body("errors[0].code", equalTo("field_not_mandated"))
        .body("errors[0].parameters[0].key", equalTo("email"))
        .body(not(containsString("ada@example.org"))).body(not(containsString("Ada")));
    post(visit().put("partySize", 3)).then().statusCode(422)
        .body("errors[0].code", equalTo("field_not_mandated"))
        .body("errors[0].parameters[0].key", equalTo("partySize"));
    post(new JsonObject().put("location", "main-desk").put("name", "Ada Lovelace")).then().statusCode(422)
        .body("errors[0].code", equalTo("field_required"))
        .body("errors[0].parameters[0].key", equalTo("phone"))
        .body(not(containsString("Ada")));
    for (String property : List.of("patronId", "barcode", "notes", "userId")) {
      post(visit().put(property, "Ada Lovelace 4711")).then().statusCode(422)
          .body("errors[0].code", equalTo("unknown_property"))
          .body("errors[0].parameters[0].key", equalTo(property))
          .body(not(containsString("4711")));
    }
    post(visit().put("location", "reading-room")).then().statusCode(422)
        .body("errors[0].code", equalTo("no_mandate_in_force"))
        .body("errors[0].parameters[0].key", equalTo("location"));
    post(visit().put("visitedAt", "2026-03-02T11:00:00Z")).then().statusCode(422)
        .body("errors[0].code", equalTo("invalid_value"))
        .body("errors[0].parameters[0].key", equalTo("visitedAt"));
    post(visit().put("visitedAt", "2026-02-28T11:00:00Z")).then().statusCode(422)
        .body("errors[0].code", equalTo("no_mandate_in_force"));
    post(visit().put("visitedAt", "yesterday")).then().statusCode(422)
        .body("errors[0].parameters[0].key", equalTo("visitedAt"));
    post(visit().put("location", "bad location!")).then().statusCode(422)
        .body("errors[0].code", equalTo("invalid_value"))
        .body("errors[0].parameters[0].key", equalTo("location"));
    post(visit().put("name", 42)).then().statusCode(422).body("errors[0].code", equalTo("invalid_type"));
    module.as(TENANT, STAFF).body("{\"location\":").post("/contact-tracing/contact-logs").then().statusCode(400);
    assertThat(stored()).isZero();
  }

  @Test
  void loggingStopsByItselfAfterEffectiveUntil() throws Exception {
    String tenant = "contactlogsend";
    module.install(tenant);
    try {
      String id = module.as(tenant, STAFF)
          .body(Mandates.mandate("2026-03-01", List.of("name"), 7).put("effectiveUntil", "2026-03-02").encode())
          .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
      module.as(tenant, STAFF).body("{\"location\":\"x\",\"name\":\"N\"}").post("/contact-tracing/contact-logs")
          .then().statusCode(201);
      module.clock().set(Instant.parse("2026-03-03T00:00:01Z"));
      module.as(tenant, STAFF).body("{\"location\":\"x\",\"name\":\"N\"}").post("/contact-tracing/contact-logs")
          .then().statusCode(422).body("errors[0].code", equalTo("no_mandate_in_force"));
      module.as(tenant, STAFF).get("/contact-tracing/mandates/" + id).then().body("status", equalTo("ended"));
    } finally {
      module.purge(tenant);
    }
  }

  @Test
  void listFiltersByLocationAndWindowByBucketOverlapWithPaging() throws Exception {
    for (String at : List.of("2026-03-02T08:00:00Z", "2026-03-02T08:20:00Z", "2026-03-02T09:00:00Z")) {
      post(visit().put("visitedAt", at)).then().statusCode(201);
    }
    // the 08:15-08:30 slot overlaps a window that starts at 08:29
    Response page = module.as(TENANT, STAFF).queryParam("from", "2026-03-02T08:29:00Z")
        .queryParam("to", "2026-03-02T09:00:00Z").queryParam("location", "main-desk")
        .get("/contact-tracing/contact-logs");
    page.then().statusCode(200).header("Cache-Control", "no-store").body("totalRecords", equalTo(1))
        .body("contactLogs[0].visitedAt", equalTo("2026-03-02T08:15:00.000Z"))
        .body("contactLogs[0].visitedUntil", equalTo("2026-03-02T08:30:00.000Z"))
        .body("contactLogs[0].name", equalTo("Ada Lovelace"));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs?limit=2&offset=1").then().statusCode(200)
        .body("totalRecords", equalTo(3)).body("contactLogs.size()", equalTo(2))
        .body("contactLogs[0].visitedAt", equalTo("2026-03-02T08:15:00.000Z"));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs?limit=0").then().statusCode(200)
        .body("totalRecords", equalTo(3)).body("contactLogs.size()", equalTo(0));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().body("contactLogs.size()", equalTo(3));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs?location=other").then()
        .body("totalRecords", equalTo(0));
    // above the maximum of 1000 the page is clamped, and the answer says so (it was a 400 before CQL support)
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs?limit=1001").then().statusCode(200)
        .body("contactLogs.size()", equalTo(3)).body("resultInfo.diagnostics[0].code", equalTo("limit_clamped"))
        .body("resultInfo.diagnostics[0].limit", equalTo(1000));
    for (String bad : List.of("limit=-1", "limit=2147483648", "offset=x", "from=yesterday", "location=a%20b",
        "from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z")) {
      module.as(TENANT, STAFF).get("/contact-tracing/contact-logs?" + bad).then().statusCode(400)
          .contentType(startsWith("text/plain"));
    }
  }

  @Test
  void getPutAndDeleteById() throws Exception {
    String id = post(visit()).then().statusCode(201).extract().path("id");
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id).then().statusCode(200)
        .header("Cache-Control", "no-store")
        .body("name", equalTo("Ada Lovelace")).body("phone", equalTo("+1 555 0100"))
        .body("mandateId", equalTo(mandateId));

    module.as(TENANT, STAFF).body(visit().put("name", "Ada King").encode())
        .put("/contact-tracing/contact-logs/" + id).then().statusCode(204);
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id).then()
        .body("name", equalTo("Ada King")).body("visitedAt", equalTo("2026-03-02T10:00:00.000Z"));

    // a correction is checked against the mandate like a new entry, and a refused one changes nothing
    module.as(TENANT, STAFF).body(visit().put("email", "a@b.org").encode())
        .put("/contact-tracing/contact-logs/" + id).then().statusCode(422)
        .body("errors[0].code", equalTo("field_not_mandated"));
    module.as(TENANT, STAFF).body(visit().put("location", "reading-room").encode())
        .put("/contact-tracing/contact-logs/" + id).then().statusCode(422)
        .body("errors[0].code", equalTo("no_mandate_in_force"));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id).then().statusCode(200)
        .body("name", equalTo("Ada King")).body("location", equalTo("main-desk"))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("email")));

    module.as(TENANT, STAFF).body(visit().encode()).put("/contact-tracing/contact-logs/" + UUID.randomUUID())
        .then().statusCode(404).contentType(startsWith("text/plain"));
    module.as(TENANT, STAFF).delete("/contact-tracing/contact-logs/" + id).then().statusCode(204);
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id).then().statusCode(404);
    module.as(TENANT, STAFF).delete("/contact-tracing/contact-logs/" + id).then().statusCode(404);
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/not-a-uuid").then().statusCode(400);
    assertThat(stored()).isZero();
  }

  @Test
  void everyReadAndChangeLeavesExactlyOneAuditEventWithoutVisitorData() throws Exception {
    ModuleUnderTest.execute("SELECT set_config('contact_tracing.audit_purge', 'on', false); "
        + "DELETE FROM " + SCHEMA + ".audit_event");
    String id = post(visit()).then().statusCode(201).extract().path("id");
    module.clock().advance(java.time.Duration.ofSeconds(1));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id).then().statusCode(200);
    module.clock().advance(java.time.Duration.ofSeconds(1));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().statusCode(200);
    module.clock().advance(java.time.Duration.ofSeconds(1));
    module.as(TENANT, STAFF).body(visit().encode()).put("/contact-tracing/contact-logs/" + id).then().statusCode(204);
    module.clock().advance(java.time.Duration.ofSeconds(1));
    module.as(TENANT, STAFF).delete("/contact-tracing/contact-logs/" + id).then().statusCode(204);
    // refused requests change nothing and are not accounted as accesses
    post(visit().put("email", "x@y.org")).then().statusCode(422);

    Response events = module.as(TENANT, STAFF).get("/contact-tracing/audit-events?limit=100");
    // recording a visit is not an event of its own: it would tie the entry to the moment and the desk's staff
    // member; the purge counts recorded entries per slot instead (retention/SlotOnlyTest)
    events.then().statusCode(200).body("totalRecords", equalTo(4));
    assertThat(events.jsonPath().getList("auditEvents.action", String.class)).containsExactly(
        "contact-log.delete", "contact-log.update", "contact-log.read", "contact-log.read");
    assertThat(events.jsonPath().getList("auditEvents.userId", String.class)).containsOnly(STAFF.toString());
    assertThat(events.jsonPath().getList("auditEvents.recordCount", Integer.class)).containsExactly(1, 1, 1, 1);
    assertThat(events.jsonPath().getList("auditEvents.requestId", String.class))
        .containsOnly("123456/contact-tracing");
    assertThat(events.asString()).doesNotContain("Ada").doesNotContain("555 0100");
    module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=contact-log.read&userId=" + STAFF)
        .then().body("totalRecords", equalTo(2));
    module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=contact-log.read&userId=" + UUID.randomUUID())
        .then().body("totalRecords", equalTo(0));
    module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=nonsense").then().statusCode(400);
  }
}
