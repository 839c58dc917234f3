package org.folio.contacttracing.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.folio.contacttracing.support.Http;
import org.folio.contacttracing.support.Http.Reply;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A purge or a tenant upgrade that dies half way leaves the data as it was before, and the next run
 * completes the work.
 */
class InterruptedJobsTest {
  private static final String TENANT = "faultpurge";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final String UPGRADE_TENANT = "faultupgrade";
  private static final String UPGRADE_SCHEMA = UPGRADE_TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-05-01T10:00:00Z"));
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.purge(UPGRADE_TENANT);
    module.close();
  }

  private static long rows(String table) throws Exception {
    return count("SELECT count(*) FROM " + SCHEMA + "." + table);
  }

  @Test
  void aPurgeKilledMidTransactionDestroysNothingAndTheNextRunCompletes() throws Exception {
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-05-01", List.of("name"), 1).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    for (int i = 0; i < 5; i++) {
      module.as(TENANT, STAFF).body("{\"location\":\"desk\",\"name\":\"Due Visitor " + i + "\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(201);
    }
    module.as(TENANT, STAFF).body("{\"location\":\"desk\"}").post("/contact-tracing/declines").then().statusCode(201);
    long keys = rows("data_key");
    long auditEvents = rows("audit_event");
    assertThat(keys).isPositive();
    module.clock().set(Instant.parse("2026-05-03T10:00:00Z"));

    Http http = new Http(module.port(), TENANT, STAFF, Duration.ofSeconds(60));
    CompletableFuture<Reply> purge;
    try (Connection blocker = TestPostgres.connect(); Statement st = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      // the purge counts the due entries first, then waits here, on the decline counts
      st.execute("SELECT * FROM " + SCHEMA + ".decline_count FOR UPDATE");
      purge = http.send("POST", "/contact-tracing/retention/purge", null);
      int backend = waitingPurgeBackend();
      // the purge's deletions are not visible to anyone yet
      assertThat(rows("contact_log")).isEqualTo(5);
      try (Connection killer = TestPostgres.connect(); Statement kill = killer.createStatement()) {
        kill.execute("SELECT pg_terminate_backend(" + backend + ")");
      }
      Reply killed = purge.join();
      assertThat(killed.status()).as("%s", killed).isEqualTo(500);
      assertThat(killed.body()).isEqualTo("Internal server error");
      blocker.rollback();
    }

    // all or nothing: the transaction died, so everything is still there and no destruction was recorded
    assertThat(rows("contact_log")).isEqualTo(5);
    assertThat(rows("data_key")).isEqualTo(keys);
    assertThat(rows("decline_count")).isEqualTo(1);
    assertThat(rows("audit_event")).isEqualTo(auditEvents);
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().statusCode(200)
        .body("totalRecords", equalTo(5)).body("contactLogs.name", org.hamcrest.Matchers.hasItem("Due Visitor 3"));

    // the next timer call completes the work, on a fresh connection from the same pool
    module.tenant(TENANT).post("/contact-tracing/retention/purge").then().statusCode(200)
        .body("contactLogsDestroyed", equalTo(5)).body("declineCountsDestroyed", equalTo(1))
        .body("dataKeysDestroyed", equalTo((int) keys));
    assertThat(rows("contact_log")).isZero();
    assertThat(rows("data_key")).isZero();
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".audit_event WHERE action = 'retention.purge'")).isEqualTo(1);
    module.tenant(TENANT).post("/contact-tracing/retention/purge").then().statusCode(200)
        .body("contactLogsDestroyed", equalTo(0));
  }

  /** The module's purge backend, once it waits for a lock. */
  private static int waitingPurgeBackend() throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection conn = TestPostgres.connect(); Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = 'mod-contact-tracing'"
              + " AND wait_event_type = 'Lock' AND query LIKE '%" + SCHEMA + ".decline_count%'")) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the purge never waited on the decline counts");
  }

  @Test
  void aFailedMigrationLeavesTheJobWithAnErrorAndARerunCompletes() throws Exception {
    module.purge(UPGRADE_TENANT);
    // an object in the way of the second migration: it fails after the first has been applied
    ModuleUnderTest.execute("CREATE SCHEMA " + UPGRADE_SCHEMA + "; CREATE TABLE " + UPGRADE_SCHEMA
        + ".decline_count (in_the_way int)");
    String attributes = "{\"module_to\":\"" + ModuleUnderTest.MODULE_ID + "\"}";
    Response started = module.tenant(UPGRADE_TENANT).body(attributes).post("/_/tenant");
    started.then().statusCode(201);
    String id = started.jsonPath().getString("id");
    Response job = module.tenant(UPGRADE_TENANT).get("/_/tenant/" + id + "?wait=60000");
    job.then().statusCode(200).body("complete", equalTo(true));
    assertThat(job.jsonPath().getString("error")).contains("decline_count").doesNotContain("in_the_way");
    // each migration is one transaction: V2 left nothing behind, and is not recorded
    assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + UPGRADE_SCHEMA
        + "' AND tablename IN ('mandate', 'contact_log')")).isZero();
    assertThat(count("SELECT count(*) FROM " + UPGRADE_SCHEMA + ".flyway_schema_history WHERE success AND version = '2'"))
        .isZero();
    module.tenant(UPGRADE_TENANT).delete("/_/tenant/" + id).then().statusCode(204);

    // the operator removes the obstacle and Okapi runs the upgrade again: it completes from where it stopped
    ModuleUnderTest.execute("DROP TABLE " + UPGRADE_SCHEMA + ".decline_count");
    module.runTenantJob(UPGRADE_TENANT, "{\"module_from\":\"mod-contact-tracing-0.9.0\",\"module_to\":\""
        + ModuleUnderTest.MODULE_ID + "\"}");
    assertThat(count("SELECT count(*) FROM " + UPGRADE_SCHEMA + ".flyway_schema_history WHERE NOT success")).isZero();
    assertThat(count("SELECT max(version::int) FROM " + UPGRADE_SCHEMA + ".flyway_schema_history WHERE success"
        + " AND version <> '0'")).isEqualTo(newestMigration());
    module.as(UPGRADE_TENANT, STAFF).body(Mandates.mandate("2026-05-01", List.of("phone"), 3).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    module.as(UPGRADE_TENANT, STAFF).body("{\"location\":\"desk\",\"phone\":\"+1 555 0100\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201);
  }

  /** The version of the newest migration the module ships. */
  private static long newestMigration() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
        InterruptedJobsTest.class.getResource("/db/migration").toURI()))) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .mapToLong(name -> Long.parseLong(name.substring(1, name.indexOf("__"))))
          .max().orElseThrow();
    }
  }
}
