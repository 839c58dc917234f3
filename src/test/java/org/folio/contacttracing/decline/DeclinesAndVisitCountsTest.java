package org.folio.contacttracing.decline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Declines are only counted; visit counts are per local day, here in Chicago across a DST change. */
class DeclinesAndVisitCountsTest {
  private static final String TENANT = "declines";
  private static final UUID STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-09T18:00:00Z"));
    module.install(TENANT);
    module.as(TENANT, STAFF).body("{\"timeZone\":\"America/Chicago\"}").put("/contact-tracing/settings")
        .then().statusCode(204);
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 30).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private void visit(String at, String location) {
    module.as(TENANT, STAFF).body("{\"location\":\"" + location + "\",\"name\":\"V\",\"visitedAt\":\"" + at + "\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201);
  }

  private void decline(String at, String location) {
    module.as(TENANT, STAFF).body("{\"location\":\"" + location + "\",\"visitedAt\":\"" + at + "\"}")
        .post("/contact-tracing/declines").then().statusCode(201);
  }

  @Test
  void countsPerLocalDayAroundMidnightAndDaylightSavingChange() throws Exception {
    // 23:50 Chicago (CST, -06:00) on March 7 is 05:50 UTC on March 8: it counts for March 7
    visit("2026-03-07T23:50:00-06:00", "main");
    decline("2026-03-07T23:55:00-06:00", "main");
    // 00:05 on March 8 counts for March 8
    visit("2026-03-08T00:05:00-06:00", "main");
    // after the spring-forward gap (02:00 CST → 03:00 CDT)
    visit("2026-03-08T03:10:00-05:00", "main");
    decline("2026-03-08T03:12:00-05:00", "main");
    decline("2026-03-08T03:14:00-05:00", "main");
    // 23:30 CDT on March 8 is 04:30 UTC on March 9: still March 8
    visit("2026-03-08T23:30:00-05:00", "branch");

    JsonPath counts = module.as(TENANT, STAFF).get("/contact-tracing/visit-counts?from=2026-03-07&to=2026-03-08")
        .then().statusCode(200).extract().jsonPath();
    assertThat(counts.getList("visitCounts", Map.class)).containsExactly(
        Map.of("date", "2026-03-07", "location", "main", "logged", 1, "declined", 1),
        Map.of("date", "2026-03-08", "location", "branch", "logged", 1, "declined", 0),
        Map.of("date", "2026-03-08", "location", "main", "logged", 2, "declined", 2));
    assertThat(counts.getInt("totalRecords")).isEqualTo(3);

    module.as(TENANT, STAFF).get("/contact-tracing/visit-counts?from=2026-03-08&to=2026-03-08&location=main")
        .then().statusCode(200).body("visitCounts.size()", equalTo(1))
        .body("visitCounts[0].declined", equalTo(2));

    // two declines in one 15-minute slot are one row with a count, and nothing identifies anyone
    assertThat(count("SELECT declined FROM declines_mod_contact_tracing.decline_count "
        + "WHERE visited_bucket = '2026-03-08T08:00:00Z'")).isEqualTo(2);
  }

  @Test
  void declineAnswerCarriesTheSlotAndNothingElse() {
    module.as(TENANT, STAFF).body("{\"location\":\"main\",\"visitedAt\":\"2026-03-09T11:59:00-05:00\"}")
        .post("/contact-tracing/declines").then().statusCode(201)
        .body("location", equalTo("main"))
        .body("visitedAt", equalTo("2026-03-09T16:45:00.000Z"))
        .body("destroyAfter", equalTo("2026-04-09T05:00:00.000Z"));
  }

  @Test
  void declineRefusals() throws Exception {
    long before = count("SELECT coalesce(sum(declined), 0) FROM declines_mod_contact_tracing.decline_count");
    module.as(TENANT, STAFF).body("{\"location\":\"main\",\"name\":\"Someone\"}").post("/contact-tracing/declines")
        .then().statusCode(422).body("errors[0].code", equalTo("unknown_property"))
        .body("errors[0].parameters[0].key", equalTo("name"));
    module.as(TENANT, STAFF).body("{\"location\":\"main\",\"visitedAt\":\"2026-02-01T10:00:00Z\"}")
        .post("/contact-tracing/declines").then().statusCode(422)
        .body("errors[0].code", equalTo("no_mandate_in_force"));
    module.as(TENANT, STAFF).body("{\"location\":\"main\",\"visitedAt\":\"2027-01-01T10:00:00Z\"}")
        .post("/contact-tracing/declines").then().statusCode(422)
        .body("errors[0].code", equalTo("invalid_value"));
    module.as(TENANT, STAFF).body("{}").post("/contact-tracing/declines").then().statusCode(422)
        .body("errors[0].code", equalTo("field_required"));
    assertThat(count("SELECT coalesce(sum(declined), 0) FROM declines_mod_contact_tracing.decline_count"))
        .isEqualTo(before);
  }

  @Test
  void visitCountParameters() {
    module.as(TENANT, STAFF).get("/contact-tracing/visit-counts").then().statusCode(200);
    for (String bad : List.of("from=2026-13-01", "from=2026-03-09&to=2026-03-01", "from=2025-01-01&to=2026-03-01",
        "location=no%20spaces")) {
      module.as(TENANT, STAFF).get("/contact-tracing/visit-counts?" + bad).then().statusCode(400);
    }
  }
}
