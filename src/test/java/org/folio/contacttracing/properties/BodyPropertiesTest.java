package org.folio.contacttracing.properties;

import static org.folio.contacttracing.support.SafeAnswers.assertSafe;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.support.HostileJson;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.StoredState;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and hostile JSON bodies for every endpoint that takes one: never a 5xx, and a refusal changes nothing
 * stored and echoes no submitted value. One module and tenant for the whole class.
 */
class BodyPropertiesTest {
  private static final String TENANT = "props_bodies";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  /** A tenant of its own for {@code POST /_/tenant}, whose bodies may disable, upgrade or purge it. */
  private static final String TENANT_API_TENANT = "props_tenant_api";
  private static final UUID STAFF = UUID.randomUUID();
  private static final UUID OTHER_STAFF = UUID.randomUUID();
  private static final String NOW = "2026-03-02T10:07:00Z";
  private static ModuleUnderTest module;
  private static String mandateId;
  private static String deskMandateId;
  private static String entryId;

  @BeforeContainer
  static void start() {
    module = ModuleUnderTest.start(Instant.parse(NOW));
    module.install(TENANT);
    module.install(TENANT_API_TENANT);
    // the properties never change this mandate, so a paper log kept under it can always be registered
    deskMandateId = module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01",
        List.of("name", "phone", "email", "partySize"), 21, "main-desk").encode()).post("/contact-tracing/mandates")
        .then().statusCode(201).extract().path("id");
    mandateId = module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 30, "branch-b")
        .encode()).post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
    entryId = module.as(TENANT, STAFF).body(visit().encode()).post("/contact-tracing/contact-logs")
        .then().statusCode(201).extract().path("id");
  }

  @AfterContainer
  static void stop() {
    module.purge(TENANT);
    module.purge(TENANT_API_TENANT);
    module.close();
  }

  private static JsonObject visit() {
    return new JsonObject().put("location", "main-desk").put("visitedAt", "2026-03-02T09:00:00+00:00")
        .put("name", "Ada Lovelace").put("phone", "+1 555 0100").put("email", "ada@example.org").put("partySize", 2);
  }

  private static JsonObject disclosureRequest() {
    return new JsonObject()
        .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health")
            .put("contact", "tracing@county.example"))
        .put("legalBasis", "Public Health Act s. 12").put("caseReference", "C-2026-1")
        .put("from", "2026-03-01T00:00:00Z").put("to", "2026-03-02T00:00:00+00:00")
        .put("locations", new JsonArray().add("main-desk"));
  }

  /** Sends {@code body}, then checks the answer and, for a refusal, that the tenant's tables are as they were. */
  private static void sendAndCheck(String tenant, UUID user, String method, String path, String body) {
    String schema = tenant + "_mod_contact_tracing";
    Map<String, String> before = StoredState.of(schema);
    RequestSpecification request = module.as(tenant, user).body(body.getBytes(StandardCharsets.UTF_8));
    Response response = "PUT".equals(method) ? request.put(path) : request.post(path);
    assertSafe(response.statusCode(), response.contentType(), response.asString(), method + " " + path + " " + body,
        before, () -> StoredState.of(schema));
  }

  @Property(tries = 150)
  void postMandate(@ForAll("mandates") String body) {
    sendAndCheck(TENANT, STAFF, "POST", "/contact-tracing/mandates", body);
  }

  @Property(tries = 100)
  void putMandate(@ForAll("mandates") String body) {
    sendAndCheck(TENANT, STAFF, "PUT", "/contact-tracing/mandates/" + mandateId, body);
  }

  @Provide
  Arbitrary<String> mandates() {
    return HostileJson.mutated(Mandates.mandate("2026-04-01", List.of("name", "phone"), 14, "annex")
        .put("effectiveUntil", "2026-04-30").put("id", UUID.randomUUID().toString()));
  }

  @Property(tries = 150)
  void postContactLog(@ForAll("visits") String body) {
    sendAndCheck(TENANT, STAFF, "POST", "/contact-tracing/contact-logs", body);
  }

  @Property(tries = 100)
  void putContactLog(@ForAll("visits") String body) {
    sendAndCheck(TENANT, STAFF, "PUT", "/contact-tracing/contact-logs/" + entryId, body);
  }

  @Provide
  Arbitrary<String> visits() {
    return HostileJson.mutated(visit());
  }

  @Property(tries = 100)
  void postDecline(@ForAll("declines") String body) {
    sendAndCheck(TENANT, STAFF, "POST", "/contact-tracing/declines", body);
  }

  @Provide
  Arbitrary<String> declines() {
    return HostileJson.mutated(new JsonObject().put("location", "main-desk").put("visitedAt", "2026-03-02T09:30:00Z"));
  }

  @Property(tries = 100)
  void putSettings(@ForAll("settings") String body) {
    sendAndCheck(TENANT, STAFF, "PUT", "/contact-tracing/settings", body);
  }

  @Provide
  Arbitrary<String> settings() {
    return HostileJson.mutated(new JsonObject().put("timeZone", "UTC").put("timeGranularityMinutes", 15)
        .put("maxDisclosureWindowDays", 31).put("releaseHours", 72).put("maxHoldDays", 14)
        .put("auditRetentionDays", 400));
  }

  @Property(tries = 150)
  void postDisclosure(@ForAll("disclosures") String body) {
    sendAndCheck(TENANT, STAFF, "POST", "/contact-tracing/disclosures", body);
  }

  @Provide
  Arbitrary<String> disclosures() {
    return HostileJson.mutated(disclosureRequest());
  }

  @Property(tries = 100)
  void postDisclosureDecision(@ForAll("decisions") String body) {
    String id = module.as(TENANT, STAFF).body(disclosureRequest().encode()).post("/contact-tracing/disclosures")
        .then().statusCode(201).extract().path("id");
    sendAndCheck(TENANT, OTHER_STAFF, "POST", "/contact-tracing/disclosures/" + id + "/decision", body);
  }

  @Provide
  Arbitrary<String> decisions() {
    return HostileJson.mutated(new JsonObject().put("decision", "deny").put("note", "Not enough detail"));
  }

  @Property(tries = 100)
  void postPaperLog(@ForAll("paperLogs") String body) {
    sendAndCheck(TENANT, STAFF, "POST", "/contact-tracing/paper-logs", body);
  }

  @Provide
  Arbitrary<String> paperLogs() {
    return HostileJson.mutated(paperLog());
  }

  private static JsonObject paperLog() {
    return new JsonObject().put("location", "main-desk").put("firstDay", "2026-03-01").put("lastDay", "2026-03-02")
        .put("storedAt", "Locked cabinet, branch office").put("mandateId", deskMandateId);
  }

  @Property(tries = 60)
  void postPaperLogShredding(@ForAll("shreddings") String body) {
    String id = module.as(TENANT, STAFF).body(paperLog().encode()).post("/contact-tracing/paper-logs")
        .then().statusCode(201).extract().path("id");
    sendAndCheck(TENANT, STAFF, "POST", "/contact-tracing/paper-logs/" + id + "/shredding", body);
  }

  @Provide
  Arbitrary<String> shreddings() {
    return HostileJson.mutated(new JsonObject().put("witnessUserId", OTHER_STAFF.toString()));
  }

  @Property(tries = 60)
  void postTenant(@ForAll("tenantAttributes") String body) {
    if (StoredState.of(TENANT_API_TENANT + "_mod_contact_tracing").isEmpty()) {
      module.install(TENANT_API_TENANT); // an earlier body purged it
    }
    Map<String, String> before = StoredState.of(TENANT_API_TENANT + "_mod_contact_tracing");
    Response response = module.tenant(TENANT_API_TENANT).body(body.getBytes(StandardCharsets.UTF_8)).post("/_/tenant");
    if (response.statusCode() == 201) {
      // a job was started: let it finish before the next try looks at the tables
      String id = response.jsonPath().getString("id");
      module.tenant(TENANT_API_TENANT).get("/_/tenant/" + id + "?wait=60000").then().statusCode(200);
      module.tenant(TENANT_API_TENANT).delete("/_/tenant/" + id).then().statusCode(204);
    }
    assertSafe(response.statusCode(), response.contentType(), response.asString(), "POST /_/tenant " + body,
        before, () -> StoredState.of(TENANT_API_TENANT + "_mod_contact_tracing"));
  }

  @Provide
  Arbitrary<String> tenantAttributes() {
    return HostileJson.mutated(new JsonObject().put("module_to", ModuleUnderTest.MODULE_ID)
        .put("module_from", "mod-contact-tracing-0.9.0").put("purge", false)
        .put("parameters", new JsonArray().add(new JsonObject().put("key", "loadSample").put("value", "false"))));
  }
}
