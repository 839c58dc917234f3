package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPlumbingTest {
  private static final String TENANT = "plumbing";
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start();
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @Test
  void healthNeedsNoTenant() {
    module.bare().get("/admin/health").then().statusCode(200).body(equalTo("OK"))
        .contentType(startsWith("text/plain"));
  }

  @Test
  void missingTenantIsA400() {
    module.bare().get("/contact-tracing/settings").then().statusCode(400)
        .contentType(startsWith("text/plain")).body(equalTo("X-Okapi-Tenant header is required"));
    module.bare().contentType("application/json").body("{\"module_to\":\"x-1.0.0\"}").post("/_/tenant")
        .then().statusCode(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a;drop schema public", "DIKU", "../x", "1abc", "diku-x", "a'b",
      "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"})
  void hostileTenantsAreRefusedBeforeReachingSql(String tenant) throws Exception {
    long schemas = count("SELECT count(*) FROM pg_namespace");
    module.tenant(tenant).body("{\"module_to\":\"mod-contact-tracing-1.0.0\"}").post("/_/tenant")
        .then().statusCode(400).contentType(startsWith("text/plain"));
    module.tenant(tenant).body("{\"module_from\":\"mod-contact-tracing-1.0.0\",\"purge\":true}").post("/_/tenant")
        .then().statusCode(400);
    module.tenant(tenant).get("/contact-tracing/settings").then().statusCode(400);
    assertThat(count("SELECT count(*) FROM pg_namespace")).isEqualTo(schemas);
    assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'")).isEqualTo(1);
  }

  @Test
  void longestValidTenantFitsInASchemaName() throws Exception {
    String tenant = "a234567890123456789012345678901";
    module.install(tenant);
    assertThat(ModuleUnderTest.schemaExists(tenant + "_mod_contact_tracing")).isTrue();
    module.purge(tenant);
  }

  @Test
  void unknownRouteIsA404TextPlain() {
    module.tenant(TENANT).get("/contact-tracing/no-such-thing").then().statusCode(404)
        .contentType(startsWith("text/plain"));
    module.bare().get("/nowhere").then().statusCode(404).contentType(startsWith("text/plain"));
  }

  @Test
  void malformedUserIdIsRefused() {
    module.tenant(TENANT).header("X-Okapi-User-Id", "not-a-uuid").get("/_/tenant/" + java.util.UUID.randomUUID())
        .then().statusCode(400).contentType(startsWith("text/plain"));
  }

  @Test
  void oversizedBodyIsA413() {
    String big = "{\"module_to\":\"" + "x".repeat(70 * 1024) + "\"}";
    module.tenant(TENANT).body(big).post("/_/tenant").then().statusCode(413).contentType(startsWith("text/plain"));
  }

  @Test
  void malformedJsonIsA400AndANonObjectToo() {
    module.tenant(TENANT).body("{not json").post("/_/tenant").then().statusCode(400)
        .contentType(startsWith("text/plain")).body(equalTo("The request body is not valid JSON"));
    module.tenant(TENANT).body("[1,2]").post("/_/tenant").then().statusCode(400)
        .contentType(startsWith("text/plain"));
    module.tenant(TENANT).body("").post("/_/tenant").then().statusCode(400);
  }

  @Test
  void wrongContentTypeIsA415() {
    module.bare().header("X-Okapi-Tenant", TENANT).contentType("text/plain").body("module_to=x").post("/_/tenant")
        .then().statusCode(415).contentType(startsWith("text/plain"));
  }
}
