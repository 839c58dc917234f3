package org.folio.contacttracing.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.LogCapture;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Destruction cannot be blocked by other database sessions holding ordinary locks on the log (a reporting tool
 * idle in a transaction, a write not yet committed), and every run, including one that destroys nothing, is seen
 * without reading logs.
 */
class UnblockablePurgeTest {
  private static final String TENANT = "unblockable";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID OFFICER = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:00:00Z"));
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @Test
  void aReaderIdleInATransactionAndAnUncommittedWriteDoNotStopDestruction() throws Exception {
    module.clock().set(Instant.parse("2026-03-02T10:00:00Z"));
    module.as(TENANT, OFFICER).body(Mandates.mandate("2026-03-01", List.of("name"), 1, "branch").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    for (int i = 0; i < 3; i++) {
      visit("{\"location\":\"branch\",\"name\":\"Due " + i + "\",\"visitedAt\":\"2026-03-01T12:00:00Z\"}");
    }
    visit("{\"location\":\"branch\",\"name\":\"Not Yet Due\"}");
    module.clock().set(Instant.parse("2026-03-03T01:00:00Z"));

    try (Connection reporting = TestPostgres.connect(); Connection writer = TestPostgres.connect();
        LogCapture log = LogCapture.capture()) {
      reporting.setAutoCommit(false);
      try (ResultSet rs = reporting.createStatement().executeQuery("SELECT count(*) FROM " + SCHEMA + ".contact_log")) {
        rs.next();
      }
      writer.setAutoCommit(false);
      writer.createStatement().execute("SELECT id FROM " + SCHEMA + ".contact_log WHERE visit_day = '2026-03-01'"
          + " LIMIT 1 FOR UPDATE");

      long started = System.nanoTime();
      timerCall().then().statusCode(200)
          .body("contactLogsDestroyed", equalTo(2))
          .body("contactLogsOverdue", equalTo(1))
          .body("erasurePending", contains("2026-03-01", "2026-03-02"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE visit_day = '2026-03-01'"))
          .as("only the entry the uncommitted write holds is left").isEqualTo(1);

      // seen without reading logs, and also in them
      Response status = module.as(TENANT, OFFICER).get("/contact-tracing/retention/status");
      status.then().statusCode(200).body("stale", equalTo(false)).body("contactLogsOverdue", equalTo(1))
          .body("lastRun.contactLogsDestroyed", equalTo(2)).body("lastRun.contactLogsOverdue", equalTo(1))
          .body("lastRun.erasurePending", contains("2026-03-01", "2026-03-02"))
          .body("erasurePending", contains("2026-03-01", "2026-03-02"));
      module.as(TENANT, OFFICER).get("/contact-tracing/audit-events?action=retention.overdue").then()
          .body("totalRecords", equalTo(1)).body("auditEvents[0].recordCount", equalTo(1))
          .body("auditEvents[0].details.erasurePending", contains("2026-03-01", "2026-03-02"));
      assertThat(log.lines()).anyMatch(line -> line.contains("WARN") && line.contains("Retention purge left due data"));
      reporting.rollback();
      writer.rollback();
    }

    module.clock().set(Instant.parse("2026-03-03T02:00:00Z"));
    timerCall().then().statusCode(200).body("contactLogsDestroyed", equalTo(1))
        .body("contactLogsOverdue", equalTo(0)).body("erasurePending", empty());
    assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + SCHEMA
        + "' AND tablename = 'contact_log_20260301'")).as("the day's partition, now free, is gone").isZero();
    module.as(TENANT, OFFICER).get("/contact-tracing/retention/status").then().statusCode(200)
        .body("contactLogsOverdue", equalTo(0)).body("erasurePending", empty())
        .body("lastRun.erasurePending", empty()).body("runsInLast24Hours", equalTo(2));
    module.as(TENANT, OFFICER).get("/contact-tracing/audit-events?action=retention.overdue").then()
        .body("totalRecords", equalTo(1));
  }

  @Test
  void aDestroyedKeyWhoseRewriteWasBlockedStaysPendingUntilARunRewritesIt() throws Exception {
    String tenant = "unblockable_keys";
    String schema = tenant + "_mod_contact_tracing";
    module.install(tenant);
    try {
      destroyedKeyStaysPending(tenant, schema);
    } finally {
      module.purge(tenant);
    }
  }

  private static void destroyedKeyStaysPending(String tenant, String schema) throws Exception {
    module.clock().set(Instant.parse("2026-03-05T10:00:00Z"));
    module.as(tenant, OFFICER).body(Mandates.mandate("2026-03-01", List.of("name"), 1, "annex").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    module.as(tenant, OFFICER).body("{\"location\":\"annex\",\"name\":\"Annex Visitor\","
        + "\"visitedAt\":\"2026-03-05T09:00:00Z\"}").post("/contact-tracing/contact-logs").then().statusCode(201);
    module.clock().set(Instant.parse("2026-03-05T11:00:00Z"));
    timerCall(tenant).then().statusCode(200).body("dataKeyErasurePending", equalTo(false));
    byte[] wrapped;
    try (Connection conn = TestPostgres.connect(); ResultSet rs = conn.createStatement().executeQuery(
        "SELECT wrapped_key FROM " + schema + ".data_key WHERE visit_day = '2026-03-05'")) {
      assertThat(rs.next()).isTrue();
      wrapped = rs.getBytes(1);
    }

    module.clock().set(Instant.parse("2026-03-07T01:00:00Z"));
    try (Connection reporting = TestPostgres.connect()) {
      reporting.setAutoCommit(false);
      reporting.createStatement().executeQuery("SELECT count(*) FROM " + schema + ".data_key").close();
      timerCall(tenant).then().statusCode(200).body("dataKeysDestroyed", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
          .body("dataKeyErasurePending", equalTo(true));
      // a later run that destroys nothing still knows the key's dead row is in the files
      module.clock().set(Instant.parse("2026-03-07T02:00:00Z"));
      timerCall(tenant).then().statusCode(200).body("dataKeysDestroyed", equalTo(0))
          .body("dataKeyErasurePending", equalTo(true));
      module.as(tenant, OFFICER).get("/contact-tracing/retention/status").then()
          .body("dataKeyErasurePending", equalTo(true));
      reporting.rollback();
    }

    module.clock().set(Instant.parse("2026-03-07T03:00:00Z"));
    timerCall(tenant).then().statusCode(200).body("dataKeyErasurePending", equalTo(false));
    org.folio.contacttracing.support.DataFiles.checkpoint();
    assertThat(org.folio.contacttracing.support.DataFiles.relationFilesContaining(List.of(wrapped))).isEmpty();
  }

  @Test
  void aRunThatDestroysNothingIsSeenAndATimerThatStoppedShows() {
    String other = "unblockable_quiet";
    module.install(other);
    try {
      module.as(other, OFFICER).get("/contact-tracing/retention/status").then().statusCode(200)
          .body("stale", equalTo(true)).body("runsInLast24Hours", equalTo(0)).body("lastRun", equalTo(null));
      module.bare().header("X-Okapi-Tenant", other).post("/contact-tracing/retention/purge").then().statusCode(200)
          .body("contactLogsDestroyed", equalTo(0));
      Instant ran = module.clock().instant();
      module.as(other, OFFICER).get("/contact-tracing/retention/status").then().statusCode(200)
          .body("stale", equalTo(false)).body("runsInLast24Hours", equalTo(1))
          .body("lastRun.finishedAt", equalTo(org.folio.contacttracing.platform.Timestamps.format(ran)))
          .body("lastRun.contactLogsDestroyed", equalTo(0)).body("contactLogsOverdue", equalTo(0));
      module.clock().advance(Duration.ofHours(3));
      module.as(other, OFFICER).get("/contact-tracing/retention/status").then().statusCode(200)
          .body("stale", equalTo(true)).body("runsInLast24Hours", equalTo(1));
    } finally {
      module.purge(other);
    }
  }

  private static Response timerCall() {
    return timerCall(TENANT);
  }

  private static Response timerCall(String tenant) {
    return module.bare().header("X-Okapi-Tenant", tenant).header("Content-Type", "application/json")
        .post("/contact-tracing/retention/purge");
  }

  private static void visit(String body) {
    module.as(TENANT, OFFICER).body(body).post("/contact-tracing/contact-logs").then().statusCode(201);
  }
}
