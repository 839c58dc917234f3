package org.folio.contacttracing.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /contact-tracing/notice}: what a visitor is told at the door, as JSON and as a printable page. */
class NoticeApiTest {
  private static final String TENANT = "noticeapi";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final String PATH = "/contact-tracing/notice";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final UUID USER = UUID.fromString("7c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
  private static final Set<String> NOTICE_PROPERTIES = Set.of("loggingActive", "loggingAtAllLocations",
      "loggingLocations", "location", "date", "authority", "reference", "effectiveUntil", "collectedFields",
      "requiredFields", "optionalFields", "requireOneOf", "retentionDays", "mayDecline", "purpose", "sharing");
  private static final String HOSTILE_NAME = "Dr. <script>alert('x')</script> & \"Partners\" Health";
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void reset() throws SQLException {
    module.clock().set(NOW);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log");
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".mandate");
    setTimeZone("UTC");
  }

  private static void setTimeZone(String zone) {
    module.as(TENANT, USER).body(new JsonObject().put("timeZone", zone).encode()).put("/contact-tracing/settings")
        .then().statusCode(204);
  }

  private static JsonObject mandate(String authorityName, String from, String until, String... locations) {
    JsonObject json = new JsonObject()
        .put("authority", new JsonObject().put("type", "public-health-agency").put("name", authorityName))
        .put("reference", "Public Health Order 2026-07")
        .put("effectiveFrom", from)
        .put("reviewBy", "2026-04-15")
        .put("collectedFields", new JsonArray().add("name").add("phone").add("partySize"))
        .put("retentionDays", 21)
        .put("locations", new JsonArray(java.util.List.of((Object[]) locations)));
    if (until != null) {
      json.put("effectiveUntil", until);
    }
    return json;
  }

  private static void create(JsonObject mandate) {
    Response response = module.as(TENANT, USER).body(mandate.encode()).post("/contact-tracing/mandates");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
  }

  private static JsonObject json(String query) {
    Response response = module.as(TENANT, USER).get(PATH + query);
    response.then().statusCode(200).contentType(startsWith("application/json"));
    JsonObject notice = new JsonObject(response.asString());
    assertThat(NOTICE_PROPERTIES).as("only properties of notice.json").containsAll(notice.fieldNames());
    return notice;
  }

  private static String html(String query) {
    Response response = module.as(TENANT, USER).header("Accept", "text/html").get(PATH + query);
    response.then().statusCode(200).contentType(startsWith("text/html"));
    return response.asString();
  }

  private static void assertWellFormedPage(String html) {
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).contains("<html lang=\"en\"");
    assertThat(html).containsPattern("<title>[^<]+</title>");
    assertThat(html).containsPattern("<h1>[^<]+</h1>");
    assertThat(html).contains("charset=\"utf-8\"");
  }

  // --- no mandate ---

  @Test
  void withoutMandateJsonSaysLoggingIsOffAndVisitorsMayDecline() {
    JsonObject notice = json("");
    assertThat(notice.getBoolean("loggingActive")).isFalse();
    assertThat(notice.getBoolean("mayDecline")).isTrue();
    assertThat(notice.getString("date")).isEqualTo("2026-03-02");
    assertThat(notice.getString("purpose")).isNotBlank();
    assertThat(notice.getString("sharing")).isNotBlank();
    assertThat(notice.fieldNames()).doesNotContain("authority", "reference", "collectedFields", "retentionDays");
    assertThat(notice.getBoolean("loggingAtAllLocations")).isFalse();
    assertThat(notice.getJsonArray("loggingLocations")).isEmpty();

    JsonObject atDesk = json("?location=main-desk");
    assertThat(atDesk.getBoolean("loggingActive")).isFalse();
    assertThat(atDesk.getString("location")).isEqualTo("main-desk");
    assertThat(atDesk.fieldNames()).doesNotContain("loggingAtAllLocations", "loggingLocations");
  }

  @Test
  void withoutMandateHtmlSaysLoggingIsOff() {
    String page = html("?location=main-desk");
    assertWellFormedPage(page);
    assertThat(page).containsIgnoringCase("not logging");
    assertThat(page).doesNotContain("What we ask for").doesNotContain("<li>");
  }

  // --- mandate in force ---

  @Test
  void withMandateInForceJsonDescribesIt() {
    create(mandate("County Health Department", "2026-03-01", "2026-05-31", "main-desk"));
    JsonObject notice = json("?location=main-desk");
    assertThat(notice.getBoolean("loggingActive")).isTrue();
    assertThat(notice.getString("location")).isEqualTo("main-desk");
    assertThat(notice.getString("date")).isEqualTo("2026-03-02");
    assertThat(notice.getJsonObject("authority")).isEqualTo(new JsonObject()
        .put("type", "public-health-agency").put("name", "County Health Department"));
    assertThat(notice.getString("reference")).isEqualTo("Public Health Order 2026-07");
    assertThat(notice.getJsonArray("collectedFields")).containsExactly("name", "phone", "partySize");
    assertThat(notice.getInteger("retentionDays")).isEqualTo(21);
    assertThat(notice.getString("effectiveUntil")).isEqualTo("2026-05-31");
    assertThat(notice.getBoolean("mayDecline")).isTrue();
    assertThat(notice.getString("purpose")).isNotBlank();
    assertThat(notice.getString("sharing")).isNotBlank();
  }

  @Test
  void explicitJsonAcceptGivesJson() {
    create(mandate("County Health Department", "2026-03-01", null, "main-desk"));
    module.as(TENANT, USER).header("Accept", "application/json").get(PATH + "?location=main-desk")
        .then().statusCode(200).contentType(startsWith("application/json"));
  }

  @Test
  void locationTheMandateDoesNotCoverIsNotLogged() {
    create(mandate("County Health Department", "2026-03-01", null, "main-desk"));
    JsonObject notice = json("?location=branch-north");
    assertThat(notice.getBoolean("loggingActive")).isFalse();
    assertThat(notice.getBoolean("mayDecline")).isTrue();
    assertThat(notice.fieldNames()).doesNotContain("authority", "reference", "collectedFields", "retentionDays");
    assertThat(html("?location=branch-north")).containsIgnoringCase("not logging")
        .doesNotContain("County Health Department");
  }

  @Test
  void allLocationsMandateCoversAnyLocation() {
    create(mandate("County Health Department", "2026-03-01", null));
    assertThat(json("?location=branch-north").getBoolean("loggingActive")).isTrue();
    JsonObject library = json("");
    assertThat(library.getBoolean("loggingActive")).isTrue();
    assertThat(library.getBoolean("loggingAtAllLocations")).isTrue();
    assertThat(library.getJsonArray("loggingLocations")).isEmpty();
    assertThat(library.getString("reference")).isEqualTo("Public Health Order 2026-07");
    assertThat(html("")).contains("<h1>Visitor log for contact tracing</h1>", "County Health Department")
        .doesNotContain("not logging");
  }

  // --- the whole library, while branches log ---

  @Test
  void withoutALocationTheNoticeNamesTheLocationsWhereVisitsAreLoggedToday() {
    create(mandate("County Health Department", "2026-03-01", "2026-05-31", "main-desk", "annex"));
    JsonObject one = json("");
    assertThat(one.getBoolean("loggingActive")).as("a branch's mandate is in force").isTrue();
    assertThat(one.getBoolean("loggingAtAllLocations")).isFalse();
    assertThat(one.getJsonArray("loggingLocations")).containsExactly("annex", "main-desk");
    // the only mandate in force is described in full
    assertThat(one.getString("reference")).isEqualTo("Public Health Order 2026-07");
    assertThat(one.getJsonArray("collectedFields")).containsExactly("name", "phone", "partySize");

    create(mandate(HOSTILE_NAME, "2026-03-02", null, "branch-north"));
    create(mandate("Ended Authority", "2026-01-01", "2026-03-01", "old-branch"));
    create(mandate("Scheduled Authority", "2026-03-03", null, "new-branch"));
    JsonObject two = json("");
    assertThat(two.getBoolean("loggingActive")).isTrue();
    assertThat(two.getBoolean("loggingAtAllLocations")).isFalse();
    assertThat(two.getJsonArray("loggingLocations")).containsExactly("annex", "branch-north", "main-desk");
    // two mandates in force: neither is the notice's authority
    assertThat(two.fieldNames()).doesNotContain("authority", "reference", "collectedFields", "retentionDays");
    // at a location, the notice stays that location's
    assertThat(json("?location=branch-north").getJsonObject("authority").getString("name")).isEqualTo(HOSTILE_NAME);
    assertThat(json("?location=old-branch").getBoolean("loggingActive")).isFalse();
  }

  @Test
  void withoutALocationThePageListsTheLocationsAndEachMandate() {
    create(mandate("County Health Department", "2026-03-01", "2026-05-31", "main-desk", "annex"));
    create(mandate(HOSTILE_NAME, "2026-03-02", null, "branch-north").put("collectedFields",
        new JsonArray().add("email")).put("retentionDays", 1));
    create(mandate("Ended Authority", "2026-01-01", "2026-03-01", "old-branch"));
    String page = html("");
    assertWellFormedPage(page);
    assertThat(page).doesNotContainIgnoringCase("not logging").doesNotContain("No visitor log");
    assertThat(page).contains("<h1>Visitor log at some locations</h1>", "<li>annex</li>", "<li>branch-north</li>",
        "<li>main-desk</li>", "<h2>At annex, main-desk</h2>", "<h2>At branch-north</h2>", "County Health Department",
        "Dr. &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Partners&quot; Health", "until 2026-05-31",
        "<li>An email address</li>", "21 days after", "1 day after");
    assertThat(page).doesNotContain("old-branch", "Ended Authority", "<script>");
    assertThat(page).containsIgnoringCase("may decline");
  }

  @Test
  void scheduledAndEndedMandatesDoNotLog() {
    create(mandate("County Health Department", "2026-03-05", "2026-03-10", "main-desk"));
    assertThat(json("?location=main-desk").getBoolean("loggingActive")).as("scheduled").isFalse();
    module.clock().set(Instant.parse("2026-03-10T23:59:00Z"));
    assertThat(json("?location=main-desk").getBoolean("loggingActive")).as("last day").isTrue();
    module.clock().set(Instant.parse("2026-03-11T00:00:00Z"));
    assertThat(json("?location=main-desk").getBoolean("loggingActive")).as("ended").isFalse();
  }

  @Test
  void todayIsTheLibrarysDay() {
    create(mandate("County Health Department", "2026-03-03", null, "main-desk"));
    // still 2 March in UTC, already 3 March in Auckland
    module.clock().set(Instant.parse("2026-03-02T12:00:00Z"));
    JsonObject utc = json("?location=main-desk");
    assertThat(utc.getString("date")).isEqualTo("2026-03-02");
    assertThat(utc.getBoolean("loggingActive")).isFalse();

    setTimeZone("Pacific/Auckland");
    JsonObject auckland = json("?location=main-desk");
    assertThat(auckland.getString("date")).isEqualTo("2026-03-03");
    assertThat(auckland.getBoolean("loggingActive")).isTrue();
  }

  // --- the printable page ---

  @Test
  void htmlPageEscapesTheAuthorityAndListsTheCollectedFields() {
    JsonObject mandate = mandate(HOSTILE_NAME, "2026-03-01", "2026-05-31", "main-desk")
        .put("reference", "Order <b>7</b> & annex")
        .put("collectedFields", new JsonArray().add("name").add("phone").add("partySize"));
    create(mandate);

    String page = html("?location=main-desk");
    assertWellFormedPage(page);
    assertThat(page).contains("Dr. &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Partners&quot; Health");
    assertThat(page).doesNotContain("<script>").doesNotContain("</script>").doesNotContain("alert('x')");
    assertThat(page).contains("Order &lt;b&gt;7&lt;/b&gt; &amp; annex").doesNotContain("<b>7</b>");

    assertThat(page).contains("<li>Your name</li>", "<li>A phone number</li>", "<li>How many people are with you</li>");
    assertThat(page).doesNotContain("An email address");
    assertThat(page).contains("21 days");
    assertThat(page).containsIgnoringCase("may decline");
    assertThat(page).contains("2026-05-31");
  }

  @Test
  void jsonCarriesTheAuthorityNameAsData() {
    create(mandate(HOSTILE_NAME, "2026-03-01", null, "main-desk"));
    assertThat(json("?location=main-desk").getJsonObject("authority").getString("name")).isEqualTo(HOSTILE_NAME);
  }

  @Test
  void browserAcceptHeaderGetsThePage() {
    create(mandate("County Health Department", "2026-03-01", null, "main-desk"));
    Response response = module.as(TENANT, USER)
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .get(PATH + "?location=main-desk");
    response.then().statusCode(200).contentType(startsWith("text/html"));
    assertThat(response.asString()).contains("County Health Department", "<li>Your name</li>");
  }

  @Test
  void oneDayRetentionIsSingular() {
    create(mandate("County Health Department", "2026-03-01", null, "main-desk").put("retentionDays", 1));
    assertThat(html("?location=main-desk")).contains("1 day after").doesNotContain("1 days");
  }

  // --- bad input ---

  @Test
  void malformedLocationIsA400() {
    Response response = module.as(TENANT, USER).get(PATH + "?location=%3Cscript%3E");
    response.then().statusCode(400).contentType(startsWith("text/plain"));
    assertThat(response.asString()).doesNotContain("<script>");
  }

  @Test
  void missingTenantIsA400() {
    module.bare().get(PATH).then().statusCode(400).contentType(startsWith("text/plain"));
  }
}
