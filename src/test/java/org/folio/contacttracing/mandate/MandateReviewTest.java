package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guidance: "check in with the government agency or elected official to determine when contact logging can be
 * stopped". Each check-in is recorded with its outcome, which the mandate follows: an end stops logging by itself,
 * a continue sets the next check-in.
 */
class MandateReviewTest {
  private static final String TENANT = "mandatereviews";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final UUID OFFICER = UUID.fromString("4b1f7c2d-8e3a-4c5b-9d6e-0f1a2b3c4d5e");
  private static final String VISITOR_NAME = "Rosalind Quill";
  private static final String OFFICIAL = "Dana Whitfield";
  private static final String NOTE = "Order stays; case numbers still rising";
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
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".mandate_review");
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log");
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".mandate");
  }

  // --- helpers ---

  /** A mandate for all locations from 1 March, collecting names, to be reviewed by {@code reviewBy}. */
  private static String mandate(String reviewBy, String effectiveUntil) {
    JsonObject body = Mandates.mandate("2026-03-01", List.of("name"), 21).put("reviewBy", reviewBy);
    if (effectiveUntil != null) {
      body.put("effectiveUntil", effectiveUntil);
    }
    return module.as(TENANT, OFFICER).body(body.encode()).post("/contact-tracing/mandates")
        .then().statusCode(201).extract().path("id");
  }

  private static JsonObject review(String outcome, String reviewedOn) {
    return new JsonObject()
        .put("reviewedOn", reviewedOn)
        .put("authorityContact", new JsonObject().put("name", OFFICIAL).put("role", "Deputy Health Officer"))
        .put("outcome", outcome)
        .put("note", NOTE);
  }

  private static Response post(String mandateId, JsonObject review) {
    return module.as(TENANT, OFFICER).body(review.encode()).post("/contact-tracing/mandates/" + mandateId + "/reviews");
  }

  private static JsonObject getMandate(String id) {
    return new JsonObject(module.as(TENANT, OFFICER).get("/contact-tracing/mandates/" + id)
        .then().statusCode(200).extract().asString());
  }

  private static JsonArray due() {
    return new JsonObject(module.tenant(TENANT).get("/contact-tracing/mandate-reviews/due")
        .then().statusCode(200).extract().asString()).getJsonArray("mandatesDue");
  }

  private static Response visit() {
    return module.tenant(TENANT).body(new JsonObject().put("location", "main").put("name", VISITOR_NAME).encode())
        .post("/contact-tracing/contact-logs");
  }

  /** The audit events of an action on one target. */
  private static List<JsonObject> events(String action, String target) {
    JsonArray all = new JsonObject(module.as(TENANT, OFFICER)
        .get("/contact-tracing/audit-events?limit=1000&action=" + action).then().statusCode(200).extract().asString())
        .getJsonArray("auditEvents");
    return all.stream().map(JsonObject.class::cast).filter(e -> target.equals(e.getString("targetId"))).toList();
  }

  /** The mandates, their reviews and the audit, as text: a refused review must change none of them. */
  private static String stored() throws SQLException {
    try (Connection conn = TestPostgres.connect(); Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT (SELECT coalesce(string_agg(m::text, '|' ORDER BY id), '') FROM "
            + SCHEMA + ".mandate m) || '#' || (SELECT count(*) FROM " + SCHEMA + ".mandate_review) || '#' || "
            + "(SELECT count(*) FROM " + SCHEMA + ".audit_event)")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertError(Response response, String code, String field) {
    response.then().statusCode(422).contentType(startsWith("application/json"));
    List<Map<String, Object>> errors = response.jsonPath().getList("errors");
    assertThat(errors).as(response.asString()).anySatisfy(error -> {
      assertThat(error.get("code")).isEqualTo(code);
      assertThat(((List<Map<String, Object>>) error.get("parameters")).get(0).get("key")).isEqualTo(field);
    });
  }

  // --- continue ---

  @Test
  void aCheckInThatContinuesLoggingSetsTheNextReviewAndTheMandateIsNoLongerDue() {
    String id = mandate("2026-03-01", null);
    assertThat(getMandate(id).getBoolean("reviewDue")).isTrue();
    JsonArray dueBefore = due();
    assertThat(dueBefore).hasSize(1);
    assertThat(dueBefore.getJsonObject(0).getJsonObject("mandate").getString("id")).isEqualTo(id);
    assertThat(dueBefore.getJsonObject(0).getInteger("daysOverdue")).isEqualTo(1);
    assertThat(dueBefore.getJsonObject(0).containsKey("lastReview")).isFalse();

    Response recorded = post(id, review("continue", "2026-03-02").put("nextReviewBy", "2026-03-30"));
    recorded.then().statusCode(201);
    String reviewId = recorded.jsonPath().getString("id");
    assertThat(recorded.header("Location")).isEqualTo("/contact-tracing/mandates/" + id + "/reviews/" + reviewId);
    assertThat(recorded.jsonPath().getString("mandateId")).isEqualTo(id);
    assertThat(recorded.jsonPath().getString("authorityContact.role")).isEqualTo("Deputy Health Officer");
    assertThat(recorded.jsonPath().getString("metadata.createdByUserId")).isEqualTo(OFFICER.toString());

    JsonObject mandate = getMandate(id);
    assertThat(mandate.getString("reviewBy")).isEqualTo("2026-03-30");
    assertThat(mandate.getBoolean("reviewDue")).isFalse();
    assertThat(mandate.containsKey("effectiveUntil")).isFalse();
    assertThat(mandate.getJsonObject("metadata").getString("updatedByUserId")).isEqualTo(OFFICER.toString());
    assertThat(due()).isEmpty();

    JsonObject reviews = new JsonObject(module.tenant(TENANT).get("/contact-tracing/mandates/" + id + "/reviews")
        .then().statusCode(200).extract().asString());
    assertThat(reviews.getInteger("totalRecords")).isEqualTo(1);
    assertThat(reviews.getJsonArray("mandateReviews").getJsonObject(0).getString("nextReviewBy"))
        .isEqualTo("2026-03-30");
    module.tenant(TENANT).get("/contact-tracing/mandates/" + id + "/reviews/" + reviewId)
        .then().statusCode(200);

    // four weeks on, the next check-in is due, and the list shows what came of the last one
    module.clock().set(Instant.parse("2026-03-30T08:00:00Z"));
    JsonArray dueLater = due();
    assertThat(dueLater).hasSize(1);
    assertThat(dueLater.getJsonObject(0).getInteger("daysOverdue")).isZero();
    assertThat(dueLater.getJsonObject(0).getJsonObject("lastReview").getString("id")).isEqualTo(reviewId);
  }

  // --- end ---

  @Test
  void aCheckInThatEndsLoggingSetsTheLastDayAndLoggingStopsByItselfAfterIt() {
    String id = mandate("2026-03-01", null);
    visit().then().statusCode(201);
    Response recorded = post(id, review("end", "2026-03-02").put("endOn", "2026-03-03"));
    recorded.then().statusCode(201);
    String reviewId = recorded.jsonPath().getString("id");

    JsonObject mandate = getMandate(id);
    assertThat(mandate.getString("effectiveUntil")).isEqualTo("2026-03-03");
    assertThat(mandate.getString("status")).isEqualTo("in-force");
    // an ended mandate needs no further check-in, though its reviewBy has passed
    assertThat(due()).isEmpty();

    module.clock().set(Instant.parse("2026-03-03T15:00:00Z"));
    visit().then().statusCode(201);
    module.clock().set(Instant.parse("2026-03-04T10:00:00Z"));
    assertError(visit(), "no_mandate_in_force", "location");
    assertThat(getMandate(id).getString("status")).isEqualTo("ended");

    // audited as a review of the mandate, and as its change, as a PUT would be; without anyone's data
    List<JsonObject> reviewEvents = events("mandate.review", id);
    assertThat(reviewEvents).hasSize(1);
    JsonObject event = reviewEvents.get(0);
    assertThat(event.getString("userId")).isEqualTo(OFFICER.toString());
    assertThat(event.getJsonObject("details").getString("outcome")).isEqualTo("end");
    assertThat(event.getJsonObject("details").getString("endOn")).isEqualTo("2026-03-03");
    assertThat(event.getJsonObject("details").getString("reviewId")).isEqualTo(reviewId);
    assertThat(events("mandate.update", id)).hasSize(1);
    String audit = module.as(TENANT, OFFICER).get("/contact-tracing/audit-events?limit=1000").asString();
    assertThat(audit).doesNotContain(VISITOR_NAME).doesNotContain(OFFICIAL).doesNotContain(NOTE);
  }

  @Test
  void anEndNeverExtendsAMandateButMayShortenIt() throws SQLException {
    String id = mandate("2026-03-01", "2026-04-30");
    String before = stored();
    assertError(post(id, review("end", "2026-03-02").put("endOn", "2026-05-01")), "invalid_period", "endOn");
    assertThat(stored()).isEqualTo(before);
    post(id, review("end", "2026-03-02").put("endOn", "2026-04-15")).then().statusCode(201);
    assertThat(getMandate(id).getString("effectiveUntil")).isEqualTo("2026-04-15");
  }

  // --- refused ---

  static Stream<Arguments> invalidReviews() {
    return Stream.of(
        Arguments.of("an outcome the guidance does not know", review("pause", "2026-03-02"), "invalid_value",
            "outcome"),
        Arguments.of("an end without its last day", review("end", "2026-03-02"), "field_required", "endOn"),
        Arguments.of("an end with a next review", review("end", "2026-03-02").put("endOn", "2026-03-05")
            .put("nextReviewBy", "2026-04-01"), "not_for_outcome", "nextReviewBy"),
        Arguments.of("an end before the mandate began", review("end", "2026-03-02").put("endOn", "2026-02-27"),
            "invalid_period", "endOn"),
        Arguments.of("a continue without the next review", review("continue", "2026-03-02"), "field_required",
            "nextReviewBy"),
        Arguments.of("an amend with an end", review("amend", "2026-03-02").put("nextReviewBy", "2026-04-01")
            .put("endOn", "2026-03-05"), "not_for_outcome", "endOn"),
        Arguments.of("a next review not after the check-in", review("continue", "2026-03-02")
            .put("nextReviewBy", "2026-03-02"), "invalid_value", "nextReviewBy"),
        Arguments.of("a check-in in the future", review("continue", "2026-03-03").put("nextReviewBy", "2026-04-01"),
            "invalid_value", "reviewedOn"),
        Arguments.of("a date that does not exist", review("continue", "2026-02-30").put("nextReviewBy", "2026-04-01"),
            "invalid_value", "reviewedOn"),
        Arguments.of("the official's phone number", review("continue", "2026-03-02").put("nextReviewBy", "2026-04-01")
            .put("authorityContact", new JsonObject().put("name", OFFICIAL).put("role", "Health Officer")
                .put("phone", "555-0100")), "unknown_property", "authorityContact.phone"),
        Arguments.of("no outcome", review("continue", "2026-03-02").put("nextReviewBy", "2026-04-01")
            .putNull("outcome"), "field_required", "outcome"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidReviews")
  void anInvalidReviewIsRefusedAndNothingIsStored(String name, JsonObject review, String code, String field)
      throws SQLException {
    String id = mandate("2026-03-01", null);
    String before = stored();
    Response response = post(id, review);
    assertError(response, code, field);
    assertThat(response.asString()).doesNotContain("555-0100");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aReviewNeedsANamedStaffMember() throws SQLException {
    String id = mandate("2026-03-01", null);
    String before = stored();
    Response response = module.tenant(TENANT).body(review("end", "2026-03-02").put("endOn", "2026-03-03").encode())
        .post("/contact-tracing/mandates/" + id + "/reviews");
    response.then().statusCode(422);
    assertThat(response.jsonPath().getString("errors[0].code")).isEqualTo("user_required");
    assertThat(stored()).isEqualTo(before);
    assertThat(getMandate(id).containsKey("effectiveUntil")).isFalse();
  }

  @Test
  void aReviewOfAnUnknownMandateIs404() {
    String unknown = UUID.randomUUID().toString();
    post(unknown, review("continue", "2026-03-02").put("nextReviewBy", "2026-04-01")).then().statusCode(404);
    module.tenant(TENANT).get("/contact-tracing/mandates/" + unknown + "/reviews").then().statusCode(404);
  }

  // --- transparency ---

  @Test
  void theTransparencyReportCountsCheckInsHeldAndMandatesTheyEnded() {
    String id = mandate("2026-03-01", null);
    post(id, review("continue", "2026-03-01").put("nextReviewBy", "2026-03-02")).then().statusCode(201);
    post(id, review("end", "2026-03-02").put("endOn", "2026-03-10")).then().statusCode(201);

    JsonObject march = new JsonObject(module.as(TENANT, OFFICER)
        .get("/contact-tracing/transparency-report?from=2026-03-01&to=2026-03-31").then().statusCode(200)
        .extract().asString());
    assertThat(march.getLong("mandateReviews")).isEqualTo(2);
    assertThat(march.getLong("mandatesEndedByReview")).isEqualTo(1);
    // held on 2 March, ending logging after 10 March
    JsonObject later = new JsonObject(module.as(TENANT, OFFICER)
        .get("/contact-tracing/transparency-report?from=2026-03-03&to=2026-03-31").then().statusCode(200)
        .extract().asString());
    assertThat(later.getLong("mandateReviews")).isZero();
    assertThat(later.getLong("mandatesEndedByReview")).isEqualTo(1);
    JsonObject april = new JsonObject(module.as(TENANT, OFFICER)
        .get("/contact-tracing/transparency-report?from=2026-04-01&to=2026-04-30").then().statusCode(200)
        .extract().asString());
    assertThat(april.getLong("mandateReviews")).isZero();
    assertThat(april.getLong("mandatesEndedByReview")).isZero();
  }
}
