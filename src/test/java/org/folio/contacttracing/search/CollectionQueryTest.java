package org.folio.contacttracing.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.RawHttp;
import org.folio.contacttracing.support.StoredState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Collections answer the CQL that FOLIO's UI modules send, and refuse what would search the visitors. */
class CollectionQueryTest {
  private static final String TENANT = "cql_collections";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final UUID SECOND = UUID.randomUUID();
  private static ModuleUnderTest module;
  private static String inForce;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:07:00Z"));
    module.install(TENANT);
    inForce = mandate(Mandates.mandate("2026-03-01", List.of("name", "email"), 21, "main-desk")
        .put("reviewBy", "2026-03-01"));
    mandate(Mandates.mandate("2026-04-01", List.of("name"), 14, "annex")
        .put("authority", new JsonObject().put("type", "law").put("name", "State Legislature")));
    mandate(Mandates.mandate("2026-01-01", List.of("phone"), 7, "branch").put("effectiveUntil", "2026-02-01")
        .put("reviewBy", "2026-01-15")
        .put("authority", new JsonObject().put("type", "elected-official").put("name", "Mayor of Springfield")));
    visit("Ada Lovelace", "2026-03-01T09:00:00Z");
    visit("Bob Builder", "2026-03-02T08:00:00Z");
    visit("Cy Twombly", "2026-03-02T09:30:00Z");
    disclosure("public-health-agency");
    disclosure("law-enforcement");
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private static String mandate(JsonObject body) {
    return module.as(TENANT, STAFF).body(body.encode()).post("/contact-tracing/mandates").then().statusCode(201)
        .extract().path("id");
  }

  private static void visit(String name, String at) {
    module.as(TENANT, STAFF).body(new JsonObject().put("location", "main-desk").put("name", name)
        .put("email", "v@example.org").put("visitedAt", at).encode())
        .post("/contact-tracing/contact-logs").then().statusCode(201);
  }

  private static void disclosure(String recipientType) {
    module.as(TENANT, SECOND).body(new JsonObject()
        .put("recipient", new JsonObject().put("type", recipientType).put("name", "County Health Department"))
        .put("legalBasis", "Public Health Act s. 12").put("caseReference", "CASE-" + recipientType)
        .put("from", "2026-03-01T00:00:00Z").put("to", "2026-03-02T00:00:00Z").encode())
        .post("/contact-tracing/disclosures").then().statusCode(201);
  }

  private static Response get(String path, Map<String, ?> params) {
    return module.as(TENANT, STAFF).queryParams(params).get(path);
  }

  private static JsonPath ok(String path, Map<String, ?> params) {
    return get(path, params).then().statusCode(200).extract().jsonPath();
  }

  private static String refused(String path, Map<String, ?> params) {
    Map<String, String> before = StoredState.of(SCHEMA);
    String body = get(path, params).then().statusCode(400).contentType(containsString("text/plain"))
        .extract().asString();
    assertThat(StoredState.of(SCHEMA)).as("nothing stored, not even an audit event").isEqualTo(before);
    return body;
  }

  @Test
  void stripesDropdownQueryOnMandates() {
    JsonPath page = ok("/contact-tracing/mandates", Map.of("query", "cql.allRecords=1 sortby authority.name",
        "limit", 2000));
    assertThat(page.getList("mandates.authority.name", String.class))
        .containsExactly("County Health Department", "Mayor of Springfield", "State Legislature");
    assertThat(page.getInt("totalRecords")).isEqualTo(3);
    assertThat(page.getList("resultInfo.diagnostics")).isEmpty();
    assertThat(ok("/contact-tracing/mandates", Map.of("query", "cql.allRecords=1 sortby authority.name/sort.descending"))
        .getList("mandates.authority.name", String.class))
        .containsExactly("State Legislature", "Mayor of Springfield", "County Health Department");
  }

  @Test
  void derivedStatusAndTruncationOnMandates() {
    assertThat(ok("/contact-tracing/mandates", Map.of("query", "status==\"in-force\""))
        .getList("mandates.id", String.class)).containsExactly(inForce);
    assertThat(ok("/contact-tracing/mandates", Map.of("query", "status==scheduled or status==ended sortby effectiveFrom"))
        .getList("mandates.status", String.class)).containsExactly("ended", "scheduled");
    assertThat(ok("/contact-tracing/mandates", Map.of("query", "authority.name=\"county*\""))
        .getList("mandates.id", String.class)).containsExactly(inForce);
    assertThat(ok("/contact-tracing/mandates", Map.of("query", "authority.name==\"county*\"")).getInt("totalRecords"))
        .as("== is exact, also in case").isZero();
    assertThat(ok("/contact-tracing/mandates", Map.of("query", "retentionDays>=14 not authority.type==law"))
        .getList("mandates.id", String.class)).containsExactly(inForce);
  }

  @Test
  void filterParametersAndQueryCombineByAnd() {
    assertThat(ok("/contact-tracing/mandates", Map.of("location", "annex", "query", "status==scheduled"))
        .getInt("totalRecords")).isEqualTo(1);
    assertThat(ok("/contact-tracing/mandates", Map.of("location", "annex", "query", "status==\"in-force\""))
        .getInt("totalRecords")).isZero();
    assertThat(ok("/contact-tracing/contact-logs", Map.of("from", "2026-03-02T00:00:00Z",
        "query", "visitedAt<2026-03-02T09:00:00Z")).getInt("totalRecords")).isEqualTo(1);
  }

  @Test
  void contactLogsSortBothWays() {
    List<String> ascending = ok("/contact-tracing/contact-logs",
        Map.of("query", "location==main-desk sortby visitedAt/sort.ascending")).getList("contactLogs.visitedAt");
    List<String> descending = ok("/contact-tracing/contact-logs",
        Map.of("query", "cql.allRecords=1 sortby visitedAt/sort.descending")).getList("contactLogs.visitedAt");
    assertThat(ascending).hasSize(3).isSorted();
    List<String> reversed = new java.util.ArrayList<>(ascending);
    java.util.Collections.reverse(reversed);
    assertThat(descending).containsExactlyElementsOf(reversed);
  }

  @Test
  void personalFieldsAreNeitherSearchedNorSorted() {
    for (Map<String, String> params : List.of(Map.of("query", "name==\"Ada Lovelace\""),
        Map.of("query", "email=v*"), Map.of("query", "cql.allRecords=1 sortby email"),
        Map.of("query", "location==main-desk and partySize>1"), Map.of("query", "recordedFields==name"))) {
      String answer = refused("/contact-tracing/contact-logs", params);
      assertThat(answer).contains("personal data, stored encrypted").doesNotContain("Ada", "Lovelace", "v*");
    }
  }

  @Test
  void unknownFieldsAndParametersAreNamed() {
    assertThat(refused("/contact-tracing/disclosures", Map.of("query", "patronId==x")))
        .contains("Unknown field patronId").contains("status");
    assertThat(refused("/contact-tracing/mandates", Map.of("sortby", "name"))).contains("Unknown query parameter sortby");
    assertThat(refused("/contact-tracing/audit-events", Map.of("barcode", "123"))).contains("barcode")
        .doesNotContain("123");
    assertThat(refused("/contact-tracing/settings", Map.of("query", "cql.allRecords=1")))
        .contains("takes no query parameters");
    Map<String, String> before = StoredState.of(SCHEMA);
    module.as(TENANT, STAFF).queryParam("patronId", "42").body(new JsonObject().put("location", "main-desk")
        .put("name", "Dee").put("email", "d@example.org").encode())
        .post("/contact-tracing/contact-logs").then().statusCode(400).body(containsString("patronId"));
    assertThat(StoredState.of(SCHEMA)).isEqualTo(before);
  }

  @Test
  void aLimitAboveTheMaximumIsClampedAndSaysSo() {
    JsonPath logs = ok("/contact-tracing/contact-logs", Map.of("query", "cql.allRecords=1", "limit", 5000));
    assertThat(logs.getInt("totalRecords")).isEqualTo(3);
    assertThat(logs.getString("resultInfo.diagnostics[0].code")).isEqualTo("limit_clamped");
    assertThat(logs.getInt("resultInfo.diagnostics[0].limit")).isEqualTo(1000);
    JsonPath mandates = ok("/contact-tracing/mandates", Map.of("limit", 6000));
    assertThat(mandates.getInt("resultInfo.diagnostics[0].limit")).isEqualTo(5000);
    assertThat(mandates.getList("mandates")).hasSize(3);
    assertThat(ok("/contact-tracing/audit-events", Map.of("limit", 1001)).getInt("resultInfo.diagnostics[0].limit"))
        .isEqualTo(1000);
    refused("/contact-tracing/mandates", Map.of("limit", -1));
  }

  @Test
  void everyCollectionAnswersAQuery() {
    assertThat(ok("/contact-tracing/disclosures", Map.of("query", "(status==\"pending\") sortby requestedDate/sort.descending"))
        .getList("disclosures.recipient.type", String.class)).containsExactly("public-health-agency");
    // Stripes' own query, word for word: records without metadata are created when requested or registered
    assertThat(ok("/contact-tracing/disclosures", Map.of("query",
        "(status==\"pending\") sortby metadata.createdDate/sort.descending"))
        .getList("disclosures.recipient.type", String.class)).containsExactly("public-health-agency");
    assertThat(ok("/contact-tracing/paper-logs", Map.of("query", "cql.allRecords=1 sortby metadata.createdDate/sort.descending"))
        .getInt("totalRecords")).isNotNegative();
    assertThat(ok("/contact-tracing/audit-events", Map.of("query", "action==disclosure.refuse"))
        .getInt("totalRecords")).isEqualTo(1);
    assertThat(ok("/contact-tracing/visit-counts", Map.of("from", "2026-03-01", "to", "2026-03-02",
        "query", "logged>0 sortby date/sort.descending")).getList("visitCounts.date", String.class))
        .containsExactly("2026-03-02", "2026-03-01");
    assertThat(ok("/contact-tracing/mandate-reviews/due", Map.of("query", "authority.type==\"public-health-agency\""))
        .getList("mandatesDue.mandate.id", String.class)).containsExactly(inForce);
    assertThat(ok("/contact-tracing/mandate-reviews/due", Map.of("query", "authority.type==law"))
        .getInt("totalRecords")).isZero();
    assertThat(ok("/contact-tracing/mandates/" + inForce + "/reviews", Map.of("query", "outcome==end"))
        .getInt("totalRecords")).isZero();
    assertThat(ok("/contact-tracing/paper-logs", Map.of("query", "status==due sortby shredBy")).getInt("totalRecords"))
        .isZero();
  }

  @Test
  void hostileQueriesAreRefusedOrFindNothingAndChangeNothing() {
    Map<String, String> before = StoredState.of(SCHEMA);
    assertThat(ok("/contact-tracing/mandates", Map.of("query", "reference==\"x'); DROP TABLE mandate; --\""))
        .getInt("totalRecords")).isZero();
    for (String query : List.of("location==\"main-desk' OR '1'='1\"", "location==\"%\"", "location==\"_ain-desk\"", "location==\"main\\\\*\"")) {
      assertThat(ok("/contact-tracing/contact-logs", Map.of("query", query)).getInt("totalRecords")).as(query).isZero();
    }
    assertThat(refused("/contact-tracing/mandates", Map.of("query", "(".repeat(30) + "id==x" + ")".repeat(30))))
        .contains("nest");
    // longer queries do not fit Netty's 4096-byte request line and are refused with 414 before any route runs
    assertThat(refused("/contact-tracing/mandates", Map.of("query", "reference==" + "x".repeat(3990))))
        .contains("at most 4000 characters");
    refused("/contact-tracing/mandates", Map.of("query", "effectiveFrom==\"2026-01-01' OR 1=1\""));
    RawHttp.Answer huge = RawHttp.send(module.port(), "GET /contact-tracing/mandates?query=" + "%28".repeat(100_000)
        + " HTTP/1.1", "X-Okapi-Tenant: " + TENANT, "X-Okapi-User-Id: " + STAFF);
    assertThat(huge.status()).isBetween(400, 499);
    get("/contact-tracing/mandates", Map.of("query", "x==\u0000")).then().statusCode(400)
        .body(not(containsString("\u0000")));
    Map<String, String> after = new java.util.HashMap<>(StoredState.of(SCHEMA));
    // the contact-log reads that ran are audited, one event each; nothing else changed
    int auditedAfter = Integer.parseInt(after.remove("audit_event").split(":")[0]);
    before = new java.util.HashMap<>(before);
    assertThat(auditedAfter).isEqualTo(Integer.parseInt(before.remove("audit_event").split(":")[0]) + 4);
    assertThat(after).isEqualTo(before);
  }
}
