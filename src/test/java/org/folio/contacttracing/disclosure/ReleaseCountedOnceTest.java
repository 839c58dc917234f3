package org.folio.contacttracing.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.StoredState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release is an explicit act: a POST, counted and audited once. Refetching any GET never releases, a retry of the
 * same release is answered again without being counted, and the transparency report's entries released stay exact.
 */
class ReleaseCountedOnceTest {
  private static final String TENANT = "releases";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID REQUESTER = UUID.randomUUID();
  private static final UUID DECIDER = UUID.randomUUID();
  private static final Instant DAY = Instant.parse("2026-05-04T12:00:00Z");
  private static final String REPORT = "/contact-tracing/transparency-report?from=2026-05-01&to=2026-05-31";
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(DAY);
    module.install(TENANT);
    module.as(TENANT, REQUESTER).body(Mandates.mandate("2026-05-01", List.of("name"), 3).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void clean() throws Exception {
    module.clock().set(DAY);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log; DELETE FROM " + SCHEMA + ".disclosure; "
        + "SELECT set_config('contact_tracing.audit_purge', 'on', false); DELETE FROM " + SCHEMA + ".audit_event");
  }

  private static void visit(String name, String at) {
    module.as(TENANT, REQUESTER).body(new JsonObject().put("location", "desk").put("name", name)
        .put("visitedAt", at).encode()).post("/contact-tracing/contact-logs").then().statusCode(201);
  }

  private static String approved() {
    String id = module.as(TENANT, REQUESTER).body(new JsonObject()
            .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health"))
            .put("legalBasis", "Public Health Act s. 12").put("caseReference", "CASE-7")
            .put("from", "2026-05-04T09:00:00Z").put("to", "2026-05-04T11:00:00Z").encode())
        .post("/contact-tracing/disclosures").then().statusCode(201).extract().path("id");
    module.as(TENANT, DECIDER).body("{\"decision\":\"approve\"}")
        .post("/contact-tracing/disclosures/" + id + "/decision").then().statusCode(200);
    return id;
  }

  private static Response release(UUID user, String disclosure, String body) {
    var request = module.as(TENANT, user);
    return (body == null ? request : request.body(body)).post("/contact-tracing/disclosures/" + disclosure + "/releases");
  }

  private static int entriesReleased() {
    return module.as(TENANT, REQUESTER).get(REPORT).then().statusCode(200).extract().path("entriesReleased");
  }

  private static int releaseCount(String disclosure) {
    return module.as(TENANT, REQUESTER).get("/contact-tracing/disclosures/" + disclosure).then().statusCode(200)
        .extract().path("releaseCount");
  }

  private static long audited(String action) throws Exception {
    return count("SELECT count(*) FROM " + SCHEMA + ".audit_event WHERE action = '" + action + "'");
  }

  @Test
  void onePostReleasesOnceAndCountsExactlyTheEntriesItReturns() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    visit("Bob Example", "2026-05-04T10:20:00Z");
    String id = approved();
    assertThat(entriesReleased()).isZero();
    Response released = release(DECIDER, id, null);
    released.then().statusCode(201).header("Cache-Control", "no-store")
        .header("X-Release-Id", released.jsonPath().getString("releaseId"))
        .body("disclosureId", equalTo(id)).body("totalRecords", equalTo(2))
        .body("contactLogs.name", org.hamcrest.Matchers.contains("Ann Example", "Bob Example"));
    assertThat(entriesReleased()).isEqualTo(2);
    assertThat(releaseCount(id)).isEqualTo(1);
    assertThat(audited("disclosure.release")).isEqualTo(1);

    // a second POST is a second, deliberate release, and is counted as one
    release(DECIDER, id, "{}").then().statusCode(201).body("totalRecords", equalTo(2));
    assertThat(entriesReleased()).isEqualTo(4);
    assertThat(releaseCount(id)).isEqualTo(2);
  }

  @Test
  void refetchingAnyGetNeverReleasesNorChangesTheReport() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    String id = approved();
    release(DECIDER, id, null).then().statusCode(201);
    Map<String, String> before = StoredState.of(SCHEMA);
    List<String> gets = List.of("/contact-tracing/disclosures/" + id, "/contact-tracing/disclosures",
        "/contact-tracing/disclosures?status=approved", REPORT, "/contact-tracing/audit-events",
        "/contact-tracing/transparency-report", "/contact-tracing/retention/status");
    for (int refetch = 0; refetch < 3; refetch++) {
      for (String path : gets) {
        module.as(TENANT, DECIDER).get(path).then().statusCode(200);
      }
      // the release of interface 1.0 is gone: a GET there releases nothing
      module.as(TENANT, DECIDER).get("/contact-tracing/disclosures/" + id + "/contact-logs").then().statusCode(404);
      module.as(TENANT, DECIDER).accept("text/csv").get("/contact-tracing/disclosures/" + id + "/contact-logs")
          .then().statusCode(404);
      // releases can only be made, never fetched
      module.as(TENANT, DECIDER).get("/contact-tracing/disclosures/" + id + "/releases").then().statusCode(405);
    }
    assertThat(StoredState.of(SCHEMA)).isEqualTo(before);
    assertThat(entriesReleased()).isEqualTo(1);
    assertThat(releaseCount(id)).isEqualTo(1);
  }

  @Test
  void aRetryWithTheSameIdIsAnsweredAgainAndNotCounted() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    String id = approved();
    String releaseId = UUID.randomUUID().toString();
    String body = new JsonObject().put("id", releaseId).encode();
    String first = release(DECIDER, id, body).then().statusCode(201).header("X-Release-Id", releaseId)
        .body("releaseId", equalTo(releaseId)).body("totalRecords", equalTo(1)).extract().asString();
    module.clock().advance(Duration.ofMinutes(2));
    String again = release(DECIDER, id, body).then().statusCode(200).header("X-Release-Id", releaseId)
        .header("Cache-Control", "no-store").extract().asString();
    assertThat(new JsonObject(again)).isEqualTo(new JsonObject(first));
    release(DECIDER, id, new JsonObject().put("id", releaseId.toUpperCase()).encode()).then().statusCode(200);
    assertThat(entriesReleased()).isEqualTo(1);
    assertThat(releaseCount(id)).isEqualTo(1);
    assertThat(audited("disclosure.release")).isEqualTo(1);
    // every answer with personal data is audited, the repeats under their own action with what they gave out
    assertThat(audited("disclosure.release-repeat")).isEqualTo(2);
    assertThat(count("SELECT sum(record_count) FROM " + SCHEMA + ".audit_event WHERE action = "
        + "'disclosure.release-repeat'")).isEqualTo(2);
    // as CSV as well
    module.as(TENANT, DECIDER).accept("text/csv").body(body).post("/contact-tracing/disclosures/" + id + "/releases")
        .then().statusCode(200).contentType(startsWith("text/csv")).header("X-Release-Id", releaseId);
    assertThat(entriesReleased()).isEqualTo(1);
  }

  @Test
  void aRetryGivesOutNothingItsReleaseDidNot() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    String id = approved();
    String body = new JsonObject().put("id", UUID.randomUUID().toString()).encode();
    release(DECIDER, id, body).then().statusCode(201).body("totalRecords", equalTo(1));
    // a visit recorded afterwards into the window: only a new release, counted, may give it out
    visit("Late Entry", "2026-05-04T09:40:00Z");
    Response again = release(DECIDER, id, body);
    again.then().statusCode(200).body("totalRecords", equalTo(1)).body("contactLogs[0].name", equalTo("Ann Example"));
    assertThat(again.asString()).doesNotContain("Late Entry");
    assertThat(entriesReleased()).isEqualTo(1);
    release(DECIDER, id, null).then().statusCode(201).body("totalRecords", equalTo(2));
    assertThat(entriesReleased()).isEqualTo(3);
  }

  @Test
  void aReleaseIdCannotBeReusedByAnotherStaffMemberOrForAnotherDisclosure() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    String id = approved();
    String other = approved();
    String body = new JsonObject().put("id", UUID.randomUUID().toString()).encode();
    release(DECIDER, id, body).then().statusCode(201);
    Map<String, String> before = StoredState.of(SCHEMA);
    String byOther = release(REQUESTER, id, body).then().statusCode(409).contentType(startsWith("text/plain"))
        .extract().asString();
    release(DECIDER, other, body).then().statusCode(409);
    assertThat(byOther).doesNotContain("Ann Example");
    assertThat(StoredState.of(SCHEMA)).isEqualTo(before);
    assertThat(entriesReleased()).isEqualTo(1);
  }

  @Test
  void concurrentAttemptsOfOneReleaseCountOnce() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    String id = approved();
    String body = new JsonObject().put("id", UUID.randomUUID().toString()).encode();
    List<CompletableFuture<Integer>> attempts = List.of(1, 2, 3, 4).stream()
        .map(n -> CompletableFuture.supplyAsync(() -> release(DECIDER, id, body).statusCode())).toList();
    List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
    assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
    assertThat(entriesReleased()).isEqualTo(1);
    assertThat(releaseCount(id)).isEqualTo(1);
  }

  @Test
  void refusalsReleaseNothingAndCountNothing() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    String id = approved();
    Map<String, String> before = StoredState.of(SCHEMA);
    for (String bad : List.of("{\"id\":\"not-a-uuid\"}", "{\"id\":\"Ann Example\"}", "{\"count\":2}", "[]",
        "{\"id\":")) {
      int status = release(DECIDER, id, bad).then().extract().statusCode();
      assertThat(status).as(bad).isIn(400, 422);
    }
    module.tenant(TENANT).post("/contact-tracing/disclosures/" + id + "/releases").then().statusCode(422)
        .body("errors[0].code", equalTo("user_required"));
    release(DECIDER, UUID.randomUUID().toString(), null).then().statusCode(404);
    assertThat(StoredState.of(SCHEMA)).isEqualTo(before);
    assertThat(entriesReleased()).isZero();
  }

  @Test
  void noRetryAfterTheWindowClosesAndThePurgeForgetsWhatWentOut() throws Exception {
    visit("Ann Example", "2026-05-04T09:10:00Z");
    String id = approved();
    String body = new JsonObject().put("id", UUID.randomUUID().toString()).encode();
    release(DECIDER, id, body).then().statusCode(201);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".disclosure_release WHERE entry_ids IS NOT NULL"))
        .isEqualTo(1);
    module.bare().header("X-Okapi-Tenant", TENANT).post("/contact-tracing/retention/purge").then().statusCode(200);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".disclosure_release WHERE entry_ids IS NOT NULL"))
        .isEqualTo(1);
    module.clock().advance(Duration.ofHours(73));
    release(DECIDER, id, body).then().statusCode(410);
    module.bare().header("X-Okapi-Tenant", TENANT).post("/contact-tracing/retention/purge").then().statusCode(200);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".disclosure_release WHERE entry_ids IS NOT NULL"))
        .isZero();
    assertThat(count("SELECT entries FROM " + SCHEMA + ".disclosure_release")).isEqualTo(1);
    assertThat(entriesReleased()).isEqualTo(1);
  }
}
