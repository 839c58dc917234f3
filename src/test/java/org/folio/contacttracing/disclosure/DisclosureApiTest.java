package org.folio.contacttracing.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DisclosureApiTest {
  private static final String TENANT = "disclosures";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID REQUESTER = UUID.randomUUID();
  private static final UUID DECIDER = UUID.randomUUID();
  private static final UUID DESK = UUID.randomUUID();
  private static final Instant DAY = Instant.parse("2026-05-04T12:00:00Z");
  private static final List<String> HOSTILE_NAMES = List.of("=HYPERLINK(\"http://evil.example\",\"click\")",
      "+1+1", "@SUM(A1:A9)", "-2+3", "\tTabbed Name", "Quote \"Me\" Smith", "Comma, Person", "New\nLine",
      "\rCarriage", "\uFF1D1+1", " =1+1", "\u00A0+1+1", "\u200B=1+1", "\uFEFF@SUM(A1)", "\n-1+1", "\u2028=1+1",
      " Leading Space");
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(DAY);
    module.install(TENANT);
    module.as(TENANT, REQUESTER).body(Mandates.mandate("2026-05-01", List.of("name", "phone", "email"), 3).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void clean() throws SQLException {
    module.clock().set(DAY);
    module.as(TENANT, REQUESTER).body("{}").put("/contact-tracing/settings").then().statusCode(204);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log; DELETE FROM " + SCHEMA + ".decline_count; "
        + "DELETE FROM " + SCHEMA + ".disclosure; SELECT set_config('contact_tracing.audit_purge', 'on', false); "
        + "DELETE FROM " + SCHEMA + ".audit_event");
  }

  private void visit(String location, String name, String at) {
    module.as(TENANT, DESK).body(new JsonObject().put("location", location).put("name", name)
            .put("phone", "+49 30 1234567").put("email", "visitor@example.org").put("visitedAt", at).encode())
        .post("/contact-tracing/contact-logs").then().statusCode(201);
  }

  private static JsonObject request(String recipientType, String from, String to, String... locations) {
    return new JsonObject()
        .put("recipient", new JsonObject().put("type", recipientType).put("name", "County Health Department")
            .put("contact", "+1 555 0199"))
        .put("legalBasis", "Public Health Act s. 12")
        .put("caseReference", "OUTBREAK-2026-044")
        .put("from", from).put("to", to)
        .put("locations", new JsonArray(List.of(locations)));
  }

  private Response post(UUID user, JsonObject body) {
    return module.as(TENANT, user).body(body.encode()).post("/contact-tracing/disclosures");
  }

  private String pending() {
    return post(REQUESTER, request("public-health-agency", "2026-05-04T09:00:00Z", "2026-05-04T11:00:00Z"))
        .then().statusCode(201).body("status", equalTo("pending")).extract().path("id");
  }

  private Response decide(UUID user, String id, String decision) {
    return module.as(TENANT, user).body("{\"decision\":\"" + decision + "\",\"note\":\"checked the order\"}")
        .post("/contact-tracing/disclosures/" + id + "/decision");
  }

  private Response release(UUID user, String id) {
    return module.as(TENANT, user).post("/contact-tracing/disclosures/" + id + "/releases");
  }

  private List<String> auditActions() {
    return module.as(TENANT, REQUESTER).get("/contact-tracing/audit-events?limit=1000").then().statusCode(200)
        .extract().jsonPath().getList("auditEvents.action", String.class);
  }

  @Test
  void requestsFromAnyoneButPublicHealthAreRefusedForGood() {
    for (String type : List.of("law-enforcement", "other")) {
      String id = post(REQUESTER, request(type, "2026-05-04T09:00:00Z", "2026-05-04T11:00:00Z"))
          .then().statusCode(201).body("status", equalTo("refused"))
          .body("refusalReason", equalTo("not_contact_tracing_purpose"))
          .extract().path("id");
      decide(DECIDER, id, "approve").then().statusCode(409).contentType(startsWith("text/plain"));
      release(DECIDER, id).then().statusCode(409);
      module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures/" + id).then().body("status", equalTo("refused"));
    }
    assertThat(auditActions()).containsExactly("disclosure.refuse", "disclosure.refuse");
  }

  @Test
  void twoPersonRuleApprovalReleaseAndAccounting() throws Exception {
    visit("desk", "Mary Marker-Jones", "2026-05-04T08:50:00Z");   // slot 08:45-09:00 overlaps nothing
    visit("desk", "Peter Marker-Smith", "2026-05-04T09:05:00Z");  // in the window
    visit("annex", "Ann Marker-Lee", "2026-05-04T10:59:00Z");     // slot 10:45-11:00, in the window
    visit("desk", "Late Marker-Visitor", "2026-05-04T11:00:00Z"); // slot starts at the window's end: outside
    module.as(TENANT, DESK).body("{\"location\":\"desk\",\"visitedAt\":\"2026-05-04T09:30:00Z\"}")
        .post("/contact-tracing/declines").then().statusCode(201);

    String id = pending();
    decide(REQUESTER, id, "approve").then().statusCode(422)
        .body("errors[0].code", equalTo("second_person_required"));
    release(DECIDER, id).then().statusCode(409);

    module.clock().advance(Duration.ofMinutes(5));
    decide(DECIDER, id, "approve").then().statusCode(200)
        .body("status", equalTo("approved"))
        .body("decidedByUserId", equalTo(DECIDER.toString()))
        .body("requestedByUserId", equalTo(REQUESTER.toString()))
        .body("releaseExpiresAt", equalTo("2026-05-07T12:05:00.000Z"));
    decide(DECIDER, id, "deny").then().statusCode(409);
    decide(UUID.randomUUID(), id, "approve").then().statusCode(409);

    Response released = release(DECIDER, id);
    released.then().statusCode(201).header("Cache-Control", "no-store")
        .body("totalRecords", equalTo(2)).body("declined", equalTo(1))
        .body("contactLogs.name", org.hamcrest.Matchers.contains("Peter Marker-Smith", "Ann Marker-Lee"));

    // a location-limited request releases only that location
    String annexOnly = post(REQUESTER, request("public-health-agency", "2026-05-04T09:00:00Z",
        "2026-05-04T11:00:00Z", "annex")).then().statusCode(201).extract().path("id");
    decide(DECIDER, annexOnly, "approve").then().statusCode(200);
    module.clock().advance(Duration.ofMinutes(1));
    release(REQUESTER, annexOnly).then().statusCode(201).body("totalRecords", equalTo(1))
        .body("declined", equalTo(0)).body("contactLogs[0].location", equalTo("annex"));

    Response stored = module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures/" + id);
    stored.then().statusCode(200).body("releaseCount", equalTo(1)).body("entriesReleased", equalTo(2))
        .body("declinesReleased", equalTo(1)).body("caseReference", equalTo("OUTBREAK-2026-044"))
        .body("lastReleasedByUserId", equalTo(DECIDER.toString()));
    String everythingStored = stored.asString()
        + module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures?limit=100").asString()
        + module.as(TENANT, REQUESTER).get("/contact-tracing/audit-events?limit=1000").asString()
        + dump("disclosure") + dump("audit_event");
    for (String secret : List.of("Marker", "30 1234567", "visitor@example.org")) {
      assertThat(everythingStored).doesNotContain(secret);
    }
    assertThat(auditActions()).containsExactlyInAnyOrder("disclosure.request", "disclosure.approve", "disclosure.release",
        "disclosure.request", "disclosure.approve", "disclosure.release");
    module.as(TENANT, REQUESTER).get("/contact-tracing/audit-events?action=disclosure.release").then()
        .body("auditEvents[0].recordCount", equalTo(1)).body("auditEvents[1].recordCount", equalTo(2));
  }

  private static String dump(String table) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (var conn = org.folio.contacttracing.support.TestPostgres.connect();
        var rs = conn.createStatement().executeQuery("SELECT t::text FROM " + SCHEMA + "." + table + " t")) {
      while (rs.next()) {
        text.append(rs.getString(1)).append('\n');
      }
    }
    return text.toString();
  }

  @Test
  void everyStepNeedsANamedStaffMember() {
    module.tenant(TENANT).body(request("public-health-agency", "2026-05-04T09:00:00Z", "2026-05-04T11:00:00Z")
        .encode()).post("/contact-tracing/disclosures").then().statusCode(422)
        .body("errors[0].code", equalTo("user_required"));
    String id = pending();
    module.tenant(TENANT).body("{\"decision\":\"approve\"}").post("/contact-tracing/disclosures/" + id + "/decision")
        .then().statusCode(422).body("errors[0].code", equalTo("user_required"));
    decide(DECIDER, id, "approve").then().statusCode(200);
    module.tenant(TENANT).post("/contact-tracing/disclosures/" + id + "/releases").then().statusCode(422)
        .body("errors[0].code", equalTo("user_required"));
    module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures/" + id).then().body("releaseCount", equalTo(0));
  }

  @Test
  void windowRulesAndValidation() throws Exception {
    post(REQUESTER, request("public-health-agency", "2026-04-01T00:00:00Z", "2026-05-04T00:00:00Z"))
        .then().statusCode(422).body("errors[0].code", equalTo("window_too_long"));
    post(REQUESTER, request("public-health-agency", "2026-05-04T11:00:00Z", "2026-05-04T09:00:00Z"))
        .then().statusCode(422).body("errors[0].code", equalTo("invalid_period"));
    post(REQUESTER, request("public-health-agency", "yesterday", "2026-05-04T09:00:00Z"))
        .then().statusCode(422).body("errors[0].parameters[0].key", equalTo("from"));
    post(REQUESTER, request("police", "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z"))
        .then().statusCode(422).body("errors[0].parameters[0].key", equalTo("recipient.type"));
    post(REQUESTER, request("public-health-agency", "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z")
        .put("visitorNames", "Someone")).then().statusCode(422).body("errors[0].code", equalTo("unknown_property"));
    module.as(TENANT, REQUESTER).body("{\"maxDisclosureWindowDays\":40}").put("/contact-tracing/settings")
        .then().statusCode(204);
    post(REQUESTER, request("public-health-agency", "2026-04-01T00:00:00Z", "2026-05-04T00:00:00Z"))
        .then().statusCode(201);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".disclosure")).isEqualTo(1);
    module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures/" + UUID.randomUUID()).then().statusCode(404);
    module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures?status=whatever").then().statusCode(400);
  }

  @Test
  void aWindowMayNotReachPastTheMomentOfTheRequest() throws Exception {
    // the clock stands at 12:00; a window into the future would release, again and again, whoever visits later
    for (String to : List.of("2026-05-04T12:01:01Z", "2026-05-05T11:00:00Z", "2026-05-04T14:30:00+02:00")) {
      post(REQUESTER, request("public-health-agency", "2026-05-04T09:00:00Z", to))
          .then().statusCode(422).body("errors[0].code", equalTo("window_in_future"))
          .body("errors[0].parameters[0].key", equalTo("to"));
    }
    post(REQUESTER, request("public-health-agency", "2026-05-04T12:30:00Z", "2026-05-06T00:00:00Z"))
        .then().statusCode(422).body("errors[0].code", equalTo("window_in_future"));
    post(REQUESTER, request("law-enforcement", "2026-05-04T09:00:00Z", "2026-05-04T13:00:00Z"))
        .then().statusCode(422).body("errors[0].code", equalTo("window_in_future"));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".disclosure")).isZero();
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".audit_event")).isZero();

    // up to the moment of the request, with a minute for a staff computer's clock
    post(REQUESTER, request("public-health-agency", "2026-05-04T09:00:00Z", "2026-05-04T12:00:00Z"))
        .then().statusCode(201);
    post(REQUESTER, request("public-health-agency", "2026-05-04T09:00:00Z", "2026-05-04T12:01:00Z"))
        .then().statusCode(201);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".disclosure")).isEqualTo(2);
  }

  @Test
  void deniedRequestsAreNeverReleasedAndApprovalsExpire() {
    String denied = pending();
    decide(DECIDER, denied, "deny").then().statusCode(200).body("status", equalTo("denied"))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("releaseExpiresAt")));
    release(DECIDER, denied).then().statusCode(409);

    module.as(TENANT, REQUESTER).body("{\"releaseHours\":1}").put("/contact-tracing/settings").then().statusCode(204);
    String approved = pending();
    decide(DECIDER, approved, "approve").then().statusCode(200)
        .body("releaseExpiresAt", equalTo("2026-05-04T13:00:00.000Z"));
    module.clock().advance(Duration.ofMinutes(59));
    release(DECIDER, approved).then().statusCode(201);
    module.clock().advance(Duration.ofMinutes(1));
    release(DECIDER, approved).then().statusCode(410).contentType(startsWith("text/plain"));
    module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures/" + approved).then()
        .body("status", equalTo("expired"));
    module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures?status=expired").then()
        .body("totalRecords", equalTo(1)).body("disclosures[0].id", equalTo(approved));
    module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures?status=denied").then()
        .body("totalRecords", equalTo(1));
  }

  @Test
  void csvReleaseNeutralisesEveryCellASpreadsheetWouldRun() {
    int minute = 0;
    for (String name : HOSTILE_NAMES) {
      visit("desk", name, Instant.parse("2026-05-04T09:00:00Z").plus(Duration.ofMinutes(5L * minute++)).toString());
    }
    String id = pending();
    decide(DECIDER, id, "approve").then().statusCode(200);
    Response csv = module.as(TENANT, DECIDER).accept("text/csv").post("/contact-tracing/disclosures/" + id
        + "/releases");
    csv.then().statusCode(201).contentType(startsWith("text/csv")).header("Cache-Control", "no-store")
        .header("X-Declined-Count", "0");
    List<List<String>> rows = parseCsv(csv.asString());
    assertThat(rows.get(0)).containsExactly("location", "visitedAt", "visitedUntil", "name", "phone", "email",
        "partySize");
    assertThat(rows).hasSize(HOSTILE_NAMES.size() + 1);
    List<String> names = rows.subList(1, rows.size()).stream().map(row -> row.get(3)).toList();
    assertThat(names).containsExactlyInAnyOrder("'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1+1", "'@SUM(A1:A9)",
        "'-2+3", "'\tTabbed Name", "Quote \"Me\" Smith", "Comma, Person", "New\nLine", "'\rCarriage",
        // what a spreadsheet may run after skipping white space and invisible characters, or after NFKC
        "'\uFF1D1+1", "' =1+1", "'\u00A0+1+1", "'\u200B=1+1", "'\uFEFF@SUM(A1)", "'\n-1+1", "'\u2028=1+1",
        " Leading Space");
    for (List<String> row : rows) {
      assertThat(row).hasSize(7);
      for (String cell : row) {
        assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
            .doesNotStartWith("\t").doesNotStartWith("\r");
      }
    }
    assertThat(rows.get(1).get(4)).isEqualTo("'+49 30 1234567");
    assertThat(csv.asString()).endsWith("\r\n");
  }

  /** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF between records. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  @Test
  void pendingAndApprovedRequestsHoldEntriesFromDestructionAtMostMaxHoldDays() throws Exception {
    visit("desk", "Held Marker", "2026-05-04T09:10:00Z");
    visit("desk", "Free Marker", "2026-05-04T12:00:00Z");
    String id = pending();
    // retention 3 days: destroyAfter is 2026-05-08T00:00Z
    module.clock().set(Instant.parse("2026-05-08T01:00:00Z"));
    purge().then().statusCode(200).body("contactLogsDestroyed", equalTo(1)).body("contactLogsHeld", equalTo(1));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isEqualTo(1);

    decide(DECIDER, id, "approve").then().statusCode(200);
    module.clock().advance(Duration.ofHours(71));
    purge().then().body("contactLogsDestroyed", equalTo(0));
    release(DECIDER, id).then().statusCode(201).body("totalRecords", equalTo(1));
    // the hold ends with the release window
    module.clock().advance(Duration.ofHours(2));
    purge().then().body("contactLogsDestroyed", equalTo(1)).body("contactLogsHeld", equalTo(0));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isZero();

    // a request nobody decides holds entries for at most maxHoldDays past their destroyAfter
    module.clock().set(DAY);
    visit("desk", "Capped Marker", "2026-05-04T09:20:00Z");
    pending();
    module.clock().set(Instant.parse("2026-05-21T23:59:00Z"));
    purge().then().body("contactLogsDestroyed", equalTo(0)).body("contactLogsHeld", equalTo(1));
    module.clock().set(Instant.parse("2026-05-22T00:00:00Z"));
    purge().then().body("contactLogsDestroyed", equalTo(1));

    Response destruction = module.as(TENANT, REQUESTER).get("/contact-tracing/audit-events?action=retention.purge");
    destruction.then().body("totalRecords", equalTo(3))
        .body("auditEvents[0].details.contactLogsDestroyed", equalTo(1))
        .body("auditEvents[0].details.periodFrom", equalTo("2026-05-04T09:15:00.000Z"))
        .body("auditEvents[0].details.periodTo", equalTo("2026-05-04T09:15:00.000Z"));
    assertThat(destruction.jsonPath().getString("auditEvents[0].userId")).isNull();
  }

  private Response purge() {
    return module.bare().header("X-Okapi-Tenant", TENANT).header("Content-Type", "application/json")
        .post("/contact-tracing/retention/purge");
  }

  @Test
  void auditEventsAreAppendOnlyInTheDatabaseAndExpireWithAuditRetention() throws Exception {
    pending();
    assertThatThrownBy(() -> ModuleUnderTest.execute("UPDATE " + SCHEMA + ".audit_event SET record_count = 5"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".audit_event"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> ModuleUnderTest.execute("TRUNCATE " + SCHEMA + ".audit_event"))
        .hasMessageContaining("append-only");
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".audit_event")).isEqualTo(1);

    module.as(TENANT, REQUESTER).body("{\"auditRetentionDays\":500}").put("/contact-tracing/settings")
        .then().statusCode(204);
    module.clock().advance(Duration.ofDays(501));
    purge().then().statusCode(200).body("auditEventsDestroyed", equalTo(2));
    // what is left is the record of that destruction
    module.as(TENANT, REQUESTER).get("/contact-tracing/audit-events").then().body("totalRecords", equalTo(1))
        .body("auditEvents[0].action", equalTo("retention.purge"))
        .body("auditEvents[0].details.auditEventsDestroyed", equalTo(2));
  }

  @Test
  void transparencyReportHasNumbersOnly() {
    visit("desk", "Report Marker", "2026-05-04T09:10:00Z");
    module.as(TENANT, DESK).body("{\"location\":\"desk\"}").post("/contact-tracing/declines").then().statusCode(201);
    String approved = pending();
    decide(DECIDER, approved, "approve").then().statusCode(200);
    release(DECIDER, approved).then().statusCode(201);
    decide(DECIDER, pending(), "deny").then().statusCode(200);
    post(REQUESTER, request("public-health-agency", "2026-05-04T09:00:00Z", "2026-05-04T11:00:00Z", "annex"))
        .then().statusCode(201);
    post(REQUESTER, request("law-enforcement", "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z")).then().statusCode(201);
    module.clock().set(Instant.parse("2026-05-09T00:00:00Z"));
    purge().then().body("contactLogsDestroyed", equalTo(1));

    Response report = module.as(TENANT, REQUESTER).get("/contact-tracing/transparency-report?from=2026-05-01&to=2026-05-31");
    report.then().statusCode(200)
        .body("entriesReleased", equalTo(1))
        .body("entriesDestroyed", equalTo(1))
        .body("declines", equalTo(0));
    assertThat(report.jsonPath().getList("disclosureRequests", java.util.Map.class)).containsExactlyInAnyOrder(
        java.util.Map.of("recipientType", "law-enforcement", "outcome", "refused", "count", 1),
        java.util.Map.of("recipientType", "public-health-agency", "outcome", "approved", "count", 1),
        java.util.Map.of("recipientType", "public-health-agency", "outcome", "denied", "count", 1),
        java.util.Map.of("recipientType", "public-health-agency", "outcome", "pending", "count", 1));
    assertThat(report.asString()).doesNotContain("Marker").doesNotContain("County");
    // without to the period ends today (VisitorPagesTest); one that ends before it starts is refused
    module.as(TENANT, REQUESTER).get("/contact-tracing/transparency-report?from=2026-05-02&to=2026-05-01")
        .then().statusCode(400);
    module.as(TENANT, REQUESTER).get("/contact-tracing/transparency-report?from=2025-01-01&to=2026-05-31")
        .then().statusCode(400);
  }
}
