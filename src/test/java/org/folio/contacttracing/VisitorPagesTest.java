package org.folio.contacttracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
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

/**
 * What the visitor sees: the receipt the desk prints after recording a visit, and the transparency report a
 * library publishes.
 */
class VisitorPagesTest {
  private static final String TENANT = "visitorpages";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final Instant NOW = Instant.parse("2026-03-02T10:07:00Z");
  private static final UUID OFFICER = UUID.fromString("5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  private static final String REPORT = "/contact-tracing/transparency-report";
  /** Late on 27 February in UTC, already 28 February in Berlin. */
  private static final Instant FIRST_RECORD = Instant.parse("2026-02-27T23:30:00Z");
  private static ModuleUnderTest module;
  /** The report asked for before anything was recorded. */
  private static JsonObject reportOfNothing;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(FIRST_RECORD);
    module.install(TENANT);
    reportOfNothing = new JsonObject(module.tenant(TENANT).get(REPORT).then().statusCode(200).extract().asString());
    // the first record: the library's change of its time zone, audited
    settings(new JsonObject().put("timeZone", "Europe/Berlin"));
    module.clock().set(NOW);
    module.as(TENANT, OFFICER)
        .body(Mandates.mandate("2026-03-01", List.of("name", "phone", "partySize"), 21, "main-desk").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void reset() throws Exception {
    module.clock().set(NOW);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log");
    settings(new JsonObject().put("timeZone", "Europe/Berlin"));
  }

  private static void settings(JsonObject body) {
    module.as(TENANT, OFFICER).body(body.encode()).put("/contact-tracing/settings").then().statusCode(204);
  }

  /** Recorded as the desk does: without naming the staff member. */
  private static String recordVisit() {
    return module.tenant(TENANT)
        .body(new JsonObject().put("location", "main-desk").put("name", "Ada <b>Lovelace</b>")
            .put("phone", "+1 555 0100").put("partySize", 3).encode())
        .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
  }

  private static Response receipt(String id, String accept) {
    return module.tenant(TENANT).header("Accept", accept).get("/contact-tracing/contact-logs/" + id + "/receipt");
  }

  private static void neverAValue(String body) {
    assertThat(body).doesNotContain("Ada").doesNotContain("Lovelace").doesNotContain("555").doesNotContain("0100");
  }

  @Test
  void theDeskPrintsAReceiptWithTheFieldsRecordedTheSlotAndTheDestructionDateButNoValue() throws Exception {
    String id = recordVisit();
    long audited = count("SELECT count(*) FROM " + SCHEMA + ".audit_event");

    Response json = receipt(id, "application/json");
    json.then().statusCode(200).contentType(startsWith("application/json")).header("Cache-Control", "no-store");
    JsonObject receipt = new JsonObject(json.asString());
    assertThat(receipt.getJsonArray("recordedFields").getList()).containsExactly("name", "phone", "partySize");
    assertThat(receipt.getString("location")).isEqualTo("main-desk");
    assertThat(receipt.getString("visitedAt")).isEqualTo("2026-03-02T10:00:00.000Z");
    assertThat(receipt.getString("visitedUntil")).isEqualTo("2026-03-02T10:15:00.000Z");
    assertThat(receipt.getString("destroyAfter")).isEqualTo("2026-03-23T23:00:00.000Z");
    assertThat(receipt.getString("howToDecline")).contains("decline");
    assertThat(receipt.fieldNames()).doesNotContain("name", "phone", "email", "partySize", "mandateId");
    neverAValue(json.asString());

    Response html = receipt(id, "text/html");
    html.then().statusCode(200).contentType(startsWith("text/html"));
    String page = html.asString();
    assertThat(page).contains("<html lang=\"en\">", "@media print", "Your name", "A phone number",
        "How many people were with you", "main-desk", "2026-03-02 11:00 to 11:15 (Europe/Berlin)",
        "2026-03-24 00:00 (Europe/Berlin)", "decline");
    assertThat(page).doesNotContain("An email address");
    neverAValue(page);

    // reading it ties no one to the entry: nothing is audited, nothing is written
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".audit_event")).isEqualTo(audited);
  }

  @Test
  void theReceiptNamesTheCounselsOfficeEscaped() {
    settings(new JsonObject().put("timeZone", "Europe/Berlin").put("legalCounsel", new JsonObject()
        .put("office", "City <Attorney> & \"Counsel\"").put("phone", "+1 217 555 0199")));
    String id = recordVisit();
    String page = receipt(id, "text/html").then().statusCode(200).extract().asString();
    assertThat(page).contains("City &lt;Attorney&gt; &amp; &quot;Counsel&quot;").doesNotContain("<Attorney>");
    assertThat(new JsonObject(receipt(id, "application/json").asString())
        .getJsonObject("whomToAsk").getString("office")).isEqualTo("City <Attorney> & \"Counsel\"");
  }

  @Test
  void noReceiptForAnEntryThatDoesNotExist() {
    receipt(UUID.randomUUID().toString(), "text/html").then().statusCode(404);
  }

  @Test
  void theReportWithoutAPeriodRunsFromTheFirstRecordToToday() {
    assertThat(reportOfNothing.getString("from")).as("nothing recorded yet: today").isEqualTo("2026-02-27");
    assertThat(reportOfNothing.getString("to")).isEqualTo("2026-02-27");
    assertThat(reportOfNothing.getLong("entriesDestroyed")).isZero();

    module.clock().set(Instant.parse("2026-03-20T12:00:00Z"));
    JsonObject report = new JsonObject(module.tenant(TENANT).get(REPORT).then().statusCode(200).extract().asString());
    assertThat(report.getString("from")).as("the library's day in Berlin of the first audit event")
        .isEqualTo("2026-02-28");
    assertThat(report.getString("to")).isEqualTo("2026-03-20");

    JsonObject untilFebruary = new JsonObject(module.tenant(TENANT).get(REPORT + "?to=2026-02-28")
        .then().statusCode(200).extract().asString());
    assertThat(untilFebruary.getString("from")).isEqualTo("2026-02-28");
    assertThat(untilFebruary.getString("to")).isEqualTo("2026-02-28");
    module.tenant(TENANT).get(REPORT + "?from=2026-04-01").then().statusCode(400);
    module.tenant(TENANT).get(REPORT + "?from=2024-01-01&to=2026-03-01").then().statusCode(400);
  }

  @Test
  void theReportAsAPageIsEscapedAndReadyToPublish() {
    settings(new JsonObject().put("timeZone", "Europe/Berlin").put("statute", new JsonObject()
        .put("citation", "Library Records <Confidentiality> Act & \"amendments\"")));
    Response html = module.tenant(TENANT).header("Accept", "text/html").get(REPORT + "?from=2026-03-01&to=2026-03-02");
    html.then().statusCode(200).contentType(startsWith("text/html"));
    String page = html.asString();
    assertThat(page).contains("<html lang=\"en\">", "@media print", "<table>", "<th scope=\"row\">",
        "2026-03-01 to 2026-03-02",
        "<cite>Library Records &lt;Confidentiality&gt; Act &amp; &quot;amendments&quot;</cite>");
    assertThat(page).doesNotContain("<Confidentiality>");
  }
}
