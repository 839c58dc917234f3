package org.folio.contacttracing.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;

import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.RawHttp;
import org.folio.contacttracing.support.StoredState;
import org.folio.contacttracing.support.TestPostgres;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Tenant ids built to break SQL identifiers and schema names, oversized headers and URLs, missing and malformed
 * {@code X-Okapi-User-Id}, forged {@code X-Okapi-Permissions}: each gets a clear 4xx or is ignored safely.
 */
class HostileTenantsAndHeadersTest {
  private static final String TENANT = "props_headers";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final Pattern VALID_TENANT = Pattern.compile("^[a-z][a-z0-9_]{0,30}$");
  private static final UUID STAFF = UUID.randomUUID();
  private static final UUID OTHER_STAFF = UUID.randomUUID();
  private static final String INSTALL = "{\"module_to\":\"" + ModuleUnderTest.MODULE_ID + "\"}";
  private static ModuleUnderTest module;

  @BeforeContainer
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:07:00Z"));
    module.install(TENANT);
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 21, "main-desk").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterContainer
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  /** Every schema with the number of its relations: what a hostile tenant id must never change. */
  private static Map<String, Long> catalog() throws Exception {
    Map<String, Long> catalog = new TreeMap<>();
    try (var conn = TestPostgres.connect(); var st = conn.createStatement();
        var rs = st.executeQuery("SELECT n.nspname, count(c.oid) FROM pg_namespace n "
            + "LEFT JOIN pg_class c ON c.relnamespace = n.oid GROUP BY n.nspname")) {
      while (rs.next()) {
        catalog.put(rs.getString(1), rs.getLong(2));
      }
    }
    return catalog;
  }

  @Property(tries = 100)
  void invalidTenantIdsAreRefusedBeforeReachingSql(@ForAll("invalidTenants") String tenant) throws Exception {
    Map<String, Long> before = catalog();
    RawHttp.Answer install = RawHttp.sendJson(module.port(), "POST /_/tenant HTTP/1.1", INSTALL,
        "X-Okapi-Tenant: " + tenant);
    RawHttp.Answer purge = RawHttp.sendJson(module.port(), "POST /_/tenant HTTP/1.1",
        "{\"module_from\":\"" + ModuleUnderTest.MODULE_ID + "\",\"purge\":true}", "X-Okapi-Tenant: " + tenant);
    RawHttp.Answer read = RawHttp.send(module.port(), "GET /contact-tracing/settings HTTP/1.1",
        "X-Okapi-Tenant: " + tenant);
    for (RawHttp.Answer answer : List.of(install, purge, read)) {
      assertThat(answer.status()).as("answer for tenant %s", tenant).isEqualTo(400);
      if (!answer.body().isEmpty()) {
        // Netty itself refuses a header value with a NUL, with a bare 400 before any route runs
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
      }
    }
    assertThat(catalog()).isEqualTo(before);
  }

  @Provide
  Arbitrary<String> invalidTenants() {
    return Arbitraries.oneOf(
        Arbitraries.of("diku'", "diku\"", "diku\\", "diku;drop schema public cascade", "DIKU", "Diku",
            "dik\u057d", "d\u0456ku", "\uff44\uff49\uff4b\uff55", "dikU", "diku\u0000", "diku\t", " diku", "diku ",
            "a2345678901234567890123456789012", "_diku", "1diku", "diku-x", "diku.x", "diku$1", "pg_catalog",
            "pg_toast", "pg_temp_1", "public\"; DROP SCHEMA public CASCADE; --", "information_schema\"",
            "x\" CASCADE; --", "diku/*", "diku%00", "%64iku", "$$diku$$", "dikü", "ß", "\u0130stanbul"),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withChars("abz09_'\"\\;-. ").ofMinLength(1).ofMaxLength(35),
        Arbitraries.strings().withCharRange('a', 'z').ofLength(32))
        .filter(t -> !VALID_TENANT.matcher(t).matches() || t.startsWith("pg_"))
        // a header line cannot hold CR or LF; RawHttp writes the value as UTF-8 bytes
        .filter(t -> t.indexOf('\r') < 0 && t.indexOf('\n') < 0 && !t.isBlank() && t.equals(t.strip()));
  }

  @Example
  void tenantsNamedLikeSystemSchemasGetOnlyTheirOwnSchema() throws Exception {
    for (String tenant : List.of("public", "information_schema", "pg_catalog", "pg_toast", "postgres",
        "a234567890123456789012345678901", "mod_contact_tracing")) {
      Map<String, Long> before = catalog();
      String schema = tenant + "_mod_contact_tracing";
      if (tenant.startsWith("pg_")) {
        module.tenant(tenant).body(INSTALL).post("/_/tenant").then().statusCode(400);
        assertThat(catalog()).isEqualTo(before);
        continue;
      }
      module.install(tenant);
      module.as(tenant, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 21).encode())
          .post("/contact-tracing/mandates").then().statusCode(201);
      assertThat(count("SELECT count(*) FROM " + schema + ".mandate")).isEqualTo(1);
      Map<String, Long> installed = catalog();
      assertThat(installed).containsKey(schema);
      installed.remove(schema);
      // the new tables' TOAST tables live in pg_toast
      assertThat(withoutToast(installed)).as("nothing but %s changed", schema).isEqualTo(withoutToast(before));
      module.purge(tenant);
      assertThat(catalog()).as("purge of %s drops its schema only", tenant).isEqualTo(before);
    }
  }

  private static Map<String, Long> withoutToast(Map<String, Long> catalog) {
    Map<String, Long> copy = new TreeMap<>(catalog);
    copy.remove("pg_toast");
    return copy;
  }

  @Example
  void oversizedHeadersAndUrlsGetAClear4xxAndTheModuleKeepsServing() {
    RawHttp.Answer header = RawHttp.send(module.port(), "GET /contact-tracing/settings HTTP/1.1",
        "X-Okapi-Tenant: " + TENANT, "X-Okapi-Token: " + "a".repeat(9 * 1024));
    assertThat(header.status()).isEqualTo(431);
    RawHttp.Answer manyHeaders = RawHttp.send(module.port(), "GET /contact-tracing/settings HTTP/1.1",
        java.util.stream.IntStream.range(0, 400).mapToObj(i -> "X-Filler-" + i + ": " + "b".repeat(30))
            .toArray(String[]::new));
    assertThat(manyHeaders.status()).isEqualTo(431);
    RawHttp.Answer url = RawHttp.send(module.port(),
        "GET /contact-tracing/notice?location=" + "x".repeat(5 * 1024) + " HTTP/1.1", "X-Okapi-Tenant: " + TENANT);
    assertThat(url.status()).isEqualTo(414);
    RawHttp.Answer path = RawHttp.send(module.port(),
        "GET /contact-tracing/mandates/" + "y".repeat(5 * 1024) + " HTTP/1.1", "X-Okapi-Tenant: " + TENANT);
    assertThat(path.status()).isEqualTo(414);
    // just under the limits: the module's own answers
    RawHttp.Answer longLocation = RawHttp.send(module.port(),
        "GET /contact-tracing/notice?location=" + "x".repeat(3 * 1024) + " HTTP/1.1", "X-Okapi-Tenant: " + TENANT);
    assertThat(longLocation.status()).isEqualTo(400);
    assertThat(longLocation.header("Content-Type")).startsWith("text/plain");
    module.tenant(TENANT).get("/contact-tracing/settings").then().statusCode(200);
  }

  @Example
  void malformedUserIdIsA400ThatStoresNothingAndEchoesNothing() {
    String visit = "{\"location\":\"main-desk\",\"name\":\"Ada Lovelace\"}";
    for (String userId : List.of("not-a-uuid-MKUSERIDVALUE", "00000000-0000-0000-0000-000000000000",
        STAFF + "MKTRAILINGXX", "' OR 1=1 --MKSQLINJECTX", "MK" + "Z".repeat(5000), STAFF + " x",
        "{" + STAFF + "}", "12345678-1234-6234-8234-123456789012", "MKLONGVALUE\u00e9\u00e9")) {
      Map<String, String> before = StoredState.of(SCHEMA);
      for (String[] call : List.of(new String[] {"POST", "/contact-tracing/contact-logs", visit},
          new String[] {"POST", "/contact-tracing/declines", "{\"location\":\"main-desk\"}"},
          new String[] {"PUT", "/contact-tracing/settings", "{}"},
          new String[] {"GET", "/contact-tracing/audit-events", null},
          new String[] {"GET", "/contact-tracing/contact-logs", null})) {
        RawHttp.Answer answer = RawHttp.sendJson(module.port(), call[0] + " " + call[1] + " HTTP/1.1", call[2],
            "X-Okapi-Tenant: " + TENANT, "X-Okapi-User-Id: " + userId);
        assertThat(answer.status()).as("%s %s with user id %s", call[0], call[1], userId).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(answer.body()).doesNotContain("MK");
      }
      assertThat(StoredState.of(SCHEMA)).isEqualTo(before);
    }
  }

  @Example
  void missingUserIdIsRefusedWhereAStaffMemberMustBeNamed() {
    Map<String, String> before = StoredState.of(SCHEMA);
    module.tenant(TENANT).body(disclosureRequest()).post("/contact-tracing/disclosures").then().statusCode(422);
    module.tenant(TENANT).header("X-Okapi-User-Id", "").body(disclosureRequest()).post("/contact-tracing/disclosures")
        .then().statusCode(422);
    assertThat(StoredState.of(SCHEMA)).isEqualTo(before);
  }

  private static String disclosureRequest() {
    return "{\"recipient\":{\"type\":\"public-health-agency\",\"name\":\"County Health\"},\"legalBasis\":\"Act\","
        + "\"caseReference\":\"C-1\",\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-03-02T00:00:00Z\"}";
  }

  @Example
  void forgedPermissionsGrantNothingAndBreakNothing() {
    String pending = module.as(TENANT, STAFF).body(disclosureRequest()).post("/contact-tracing/disclosures")
        .then().statusCode(201).extract().path("id");
    for (String forged : List.of("[\"contact-tracing.all\"]", "[\"*\"]", "[\"okapi.all\",\"perms.all\"]",
        "not json", "{\"a\":", "[" + "\"x\",".repeat(1500) + "\"x\"]", "", "null")) {
      // the requester cannot decide their own request, whatever permissions they claim
      module.as(TENANT, STAFF).header("X-Okapi-Permissions", forged).body("{\"decision\":\"approve\"}")
          .post("/contact-tracing/disclosures/" + pending + "/decision")
          .then().statusCode(422);
      // a pending request cannot be released
      module.as(TENANT, OTHER_STAFF).header("X-Okapi-Permissions", forged)
          .post("/contact-tracing/disclosures/" + pending + "/releases").then().statusCode(409);
      // no mandate, no logging
      module.as(TENANT, STAFF).header("X-Okapi-Permissions", forged)
          .body("{\"location\":\"annex\",\"name\":\"Ada Lovelace\"}").post("/contact-tracing/contact-logs")
          .then().statusCode(422);
      // an ordinary read answers as it would without the header
      Response settings = module.as(TENANT, STAFF).header("X-Okapi-Permissions", forged)
          .get("/contact-tracing/settings");
      assertThat(settings.statusCode()).isEqualTo(200);
      assertThat(settings.asString()).isEqualTo(module.as(TENANT, STAFF).get("/contact-tracing/settings").asString());
    }
    module.as(TENANT, STAFF).get("/contact-tracing/disclosures/" + pending).then().statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("pending"));
  }
}
