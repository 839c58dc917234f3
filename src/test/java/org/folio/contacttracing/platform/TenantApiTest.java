package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.folio.contacttracing.support.ModuleUnderTest.execute;
import static org.folio.contacttracing.support.ModuleUnderTest.schemaExists;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import java.util.UUID;
import org.folio.contacttracing.support.LogCapture;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TenantApiTest {
  private static final String TENANT = "tenantapi";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start();
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private Response post(String tenant, String body) {
    return module.tenant(tenant).body(body).post("/_/tenant");
  }

  private Response awaitJob(String tenant, String id) {
    return module.tenant(tenant).get("/_/tenant/" + id + "?wait=60000");
  }

  @Test
  void installAnswersJobThatOkapiCanPollAndDelete() throws Exception {
    module.purge(TENANT);
    Response started = post(TENANT, "{\"module_to\":\"mod-contact-tracing-1.0.0\",\"purge\":false}");
    started.then().statusCode(201).contentType("application/json")
        .header("Location", startsWith("/_/tenant/"))
        .body("tenant", equalTo(TENANT))
        .body("tenantAttributes.module_to", equalTo("mod-contact-tracing-1.0.0"));
    String id = started.jsonPath().getString("id");
    assertThat(started.header("Location")).isEqualTo("/_/tenant/" + id);

    awaitJob(TENANT, id).then().statusCode(200).body("complete", equalTo(true)).body("$", org.hamcrest.Matchers.not(
        org.hamcrest.Matchers.hasKey("error")));
    assertThat(schemaExists(SCHEMA)).isTrue();
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".settings")).isEqualTo(1);

    module.tenant(TENANT).delete("/_/tenant/" + id).then().statusCode(204);
    module.tenant(TENANT).get("/_/tenant/" + id).then().statusCode(404).contentType(startsWith("text/plain"))
        .body(equalTo("Job not found " + id));
    module.tenant(TENANT).delete("/_/tenant/" + id).then().statusCode(404);
  }

  @Test
  void installingAgainIsHarmlessAndUpgradeAppliesOnlyNewerMigrations() throws Exception {
    module.install(TENANT);
    execute("UPDATE " + SCHEMA + ".settings SET time_zone = 'Europe/Berlin'");
    long migrations = count("SELECT count(*) FROM " + SCHEMA + ".flyway_schema_history");

    module.runTenantJob(TENANT, "{\"module_to\":\"mod-contact-tracing-1.0.0\",\"purge\":false}");
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".flyway_schema_history")).isEqualTo(migrations);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".settings WHERE time_zone = 'Europe/Berlin'")).isEqualTo(1);

    // pretend the newest migration is new to this tenant: an upgrade must apply it and nothing else
    String newestVersion = latestVersion();
    undoNewestMigration(newestVersion);
    long before = "1".equals(newestVersion) ? 0
        : count("SELECT coalesce(max(installed_rank), 0) FROM " + SCHEMA + ".flyway_schema_history");
    module.runTenantJob(TENANT,
        "{\"module_from\":\"mod-contact-tracing-1.0.0\",\"module_to\":\"mod-contact-tracing-1.1.0\",\"purge\":false}");
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".flyway_schema_history WHERE type = 'SQL' AND installed_rank > "
        + before)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".flyway_schema_history WHERE version = '"
        + newestVersion + "' AND success")).isEqualTo(1);
  }

  private String latestVersion() throws Exception {
    try (var conn = org.folio.contacttracing.support.TestPostgres.connect();
        var rs = conn.createStatement().executeQuery("SELECT version FROM " + SCHEMA
            + ".flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Rebuilds the schema as the previous release left it: every migration but the newest. */
  private void undoNewestMigration(String version) throws Exception {
    org.folio.contacttracing.support.Migrations.rebuildAt(SCHEMA,
        org.folio.contacttracing.support.Migrations.before(Integer.parseInt(version)));
  }

  @Test
  void disableKeepsDataAndPurgeDropsTheSchema() throws Exception {
    module.install(TENANT);
    execute("UPDATE " + SCHEMA + ".settings SET time_zone = 'America/Chicago'");

    post(TENANT, "{\"module_from\":\"mod-contact-tracing-1.0.0\",\"purge\":false}").then().statusCode(204);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".settings WHERE time_zone = 'America/Chicago'"))
        .isEqualTo(1);

    post(TENANT, "{\"module_from\":\"mod-contact-tracing-1.0.0\",\"purge\":true}").then().statusCode(204);
    assertThat(schemaExists(SCHEMA)).isFalse();
    // purging a tenant that has nothing left is still fine
    post(TENANT, "{\"module_from\":\"mod-contact-tracing-1.0.0\",\"purge\":true}").then().statusCode(204);
  }

  @Test
  void failedMigrationEndsInTheJobErrorNotInAHangingJob() throws Exception {
    String tenant = "brokentenant";
    String schema = tenant + "_mod_contact_tracing";
    module.purge(tenant);
    execute("CREATE SCHEMA " + schema);
    execute("CREATE TABLE " + schema + ".settings (something text)");
    try {
      Response started = post(tenant, "{\"module_to\":\"mod-contact-tracing-1.0.0\"}");
      started.then().statusCode(201);
      awaitJob(tenant, started.jsonPath().getString("id")).then().statusCode(200)
          .body("complete", equalTo(true))
          .body("error", org.hamcrest.Matchers.notNullValue());
    } finally {
      module.purge(tenant);
    }
  }

  @Test
  void waitParksUntilTheJobCompletes() {
    module.purge(TENANT);
    Response started = post(TENANT, "{\"module_to\":\"mod-contact-tracing-1.0.0\"}");
    String id = started.jsonPath().getString("id");
    // Okapi's own polling has no wait parameter and must see a valid job at once
    module.tenant(TENANT).get("/_/tenant/" + id).then().statusCode(200).body("id", equalTo(id));
    awaitJob(TENANT, id).then().statusCode(200).body("complete", equalTo(true));
  }

  @Test
  void jobErrorsAreTextPlain() {
    module.install(TENANT);
    module.tenant(TENANT).get("/_/tenant/not-a-uuid").then().statusCode(400).contentType(startsWith("text/plain"));
    module.tenant(TENANT).get("/_/tenant/" + UUID.randomUUID() + "?wait=-5").then().statusCode(400)
        .contentType(startsWith("text/plain"));
    module.tenant(TENANT).get("/_/tenant/" + UUID.randomUUID()).then().statusCode(404)
        .contentType(startsWith("text/plain"));
    module.tenant("nosuchtenant").get("/_/tenant/" + UUID.randomUUID()).then().statusCode(404)
        .contentType(startsWith("text/plain")).body(equalTo("Tenant not found nosuchtenant"));
  }

  @Test
  void tenantBodyIsValidatedAgainstItsSchema() throws Exception {
    module.purge("validationtenant");
    module.tenant("validationtenant").body("{\"module_to\":\"mod-contact-tracing-1.0.0\",\"secret\":\"Alice Example\"}")
        .post("/_/tenant")
        .then().statusCode(422).contentType("application/json")
        .body("errors[0].code", equalTo("unknown_property"))
        .body("errors[0].parameters[0].key", equalTo("secret"))
        .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Alice")));
    module.tenant("validationtenant").body("{\"module_to\":\"mod-contact-tracing-1.0.0\",\"purge\":\"yes\"}")
        .post("/_/tenant")
        .then().statusCode(422).body("errors[0].code", equalTo("invalid_type"))
        .body("errors[0].parameters[0].key", equalTo("purge"))
        .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("yes")));
    module.tenant("validationtenant").body("{\"module_to\":").post("/_/tenant")
        .then().statusCode(400).contentType(startsWith("text/plain"));
    assertThat(schemaExists("validationtenant_mod_contact_tracing")).isFalse();
  }

  @Test
  void logLinesOfARequestCarryItsRequestIdTenantAndUser() {
    UUID user = UUID.randomUUID();
    try (LogCapture logs = LogCapture.capture()) {
      module.purge(TENANT);
      Response started = module.tenant(TENANT).header("X-Okapi-User-Id", user.toString())
          .header("X-Okapi-Request-Id", "777/tenant")
          .body("{\"module_to\":\"mod-contact-tracing-1.0.0\"}").post("/_/tenant");
      awaitJob(TENANT, started.jsonPath().getString("id"));
      assertThat(logs.events()).anySatisfy(event -> {
        assertThat(event.getMessage().getFormattedMessage()).contains("initialised");
        assertThat(event.getContextData().toMap())
            .containsEntry("requestId", "777/tenant")
            .containsEntry("tenantId", TENANT)
            .containsEntry("userId", user.toString());
      });
    }
  }

  @Test
  void aJobWhoseInstanceDiedEndsWithAnErrorInsteadOfHanging() throws Exception {
    module.install(TENANT);
    UUID id = UUID.randomUUID();
    // what an instance killed mid-migration leaves behind: an incomplete job nobody beats for any more
    execute("INSERT INTO " + SCHEMA + ".tenant_job (id, attributes, heartbeat_at) VALUES ('" + id
        + "', '{\"module_to\":\"mod-contact-tracing-1.0.0\"}', now() - interval '2 minutes')");
    module.tenant(TENANT).get("/_/tenant/" + id).then().statusCode(200)
        .body("complete", equalTo(true))
        .body("error", org.hamcrest.Matchers.containsString("stopped before it finished"));
    // a job that is still beating is left alone
    UUID running = UUID.randomUUID();
    execute("INSERT INTO " + SCHEMA + ".tenant_job (id, attributes) VALUES ('" + running
        + "', '{\"module_to\":\"mod-contact-tracing-1.0.0\"}')");
    module.tenant(TENANT).get("/_/tenant/" + running).then().statusCode(200).body("complete", equalTo(false));
  }
}
