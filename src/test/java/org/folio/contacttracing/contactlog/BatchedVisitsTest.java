package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visits stored together by one statement (group commit), against the real database. Each test holds a lock on a
 * mandate's row in a transaction of its own, so that the insert in flight waits for it and the visits sent meanwhile
 * queue behind it; then it lets go, and checks what each visit was answered and what was stored. Which visits
 * shared a statement shows in the rows' transaction ids.
 */
class BatchedVisitsTest {
  private static final String TENANT = "batchedvisits";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-03-02T10:07:00Z");
  private static ModuleUnderTest module;
  private static final ExecutorService desks = Executors.newFixedThreadPool(16);

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    for (String desk : List.of("desk-a", "desk-b", "desk-c", "desk-d")) {
      module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 21, desk).encode())
          .post("/contact-tracing/mandates").then().statusCode(201);
    }
  }

  @AfterAll
  static void stop() {
    desks.shutdownNow();
    module.purge(TENANT);
    module.close();
  }

  private static JsonObject visit(String desk) {
    return new JsonObject().put("location", desk).put("name", "Ada Lovelace").put("phone", "+1 555 0100");
  }

  private static CompletableFuture<Response> send(JsonObject body) {
    return CompletableFuture.supplyAsync(() -> module.as(TENANT, STAFF).body(body.encode())
        .post("/contact-tracing/contact-logs"), desks);
  }

  private static String mandateAt(String desk) {
    return "(SELECT id FROM " + SCHEMA + ".mandate WHERE locations = '{" + desk + "}')";
  }

  /** Waits until an insert of visits waits for a lock, as the test's own transaction makes it. */
  private static void awaitInsertWaitingForLock() throws Exception {
    for (int i = 0; i < 200; i++) {
      if (count(INSERTS_WAITING) > 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no insert waited for the lock");
  }

  private static final String INSERTS_WAITING = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
      + " AND query LIKE 'INSERT INTO " + SCHEMA + ".contact_log%'";

  private static List<Response> answers(List<CompletableFuture<Response>> sent) throws Exception {
    List<Response> answers = new ArrayList<>();
    for (CompletableFuture<Response> one : sent) {
      answers.add(one.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }

  @Test
  void aMandateChangedWhileVisitsWaitAdmitsNoneUnderItsOldTermsAndEveryVisitIsAnswered() throws Exception {
    // both desks' keys and rules exist, so the visits below are admitted on remembered rules
    send(visit("desk-a")).get().then().statusCode(201);
    send(visit("desk-b")).get().then().statusCode(201);
    List<CompletableFuture<Response>> atA = new ArrayList<>();
    List<CompletableFuture<Response>> atB = new ArrayList<>();
    try (Connection change = TestPostgres.connect()) {
      change.setAutoCommit(false);
      // the mandate of desk A stops collecting phone numbers; not committed yet
      change.createStatement().executeUpdate("UPDATE " + SCHEMA + ".mandate SET collected_fields = '{name}'"
          + " WHERE id = " + mandateAt("desk-a"));
      atA.add(send(visit("desk-a")));
      awaitInsertWaitingForLock();
      assertThat(count(INSERTS_WAITING + " AND query NOT LIKE '%unnest%'"))
          .as("a visit alone is stored by the single-row statement, not the batch's").isEqualTo(1);
      for (int i = 0; i < 5; i++) {
        atA.add(send(visit("desk-a")));
        atB.add(send(visit("desk-b")));
      }
      atB.add(send(visit("desk-b")));
      Thread.sleep(500);   // lets the visits sent reach the module's queue; nothing below depends on it
      change.commit();
    }

    for (Response answer : answers(atA)) {
      answer.then().statusCode(422);
      assertThat(answer.jsonPath().getString("errors[0].code")).isEqualTo("field_not_mandated");
    }
    for (Response answer : answers(atB)) {
      answer.then().statusCode(201);
    }
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE mandate_id = " + mandateAt("desk-a")))
        .as("nothing stored under the mandate's old terms").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE mandate_id = " + mandateAt("desk-b")))
        .isEqualTo(7);
    assertThat(count("SELECT count(DISTINCT xmin::text) FROM " + SCHEMA + ".contact_log WHERE mandate_id = "
        + mandateAt("desk-b"))).as("desk B's queued visits were stored together").isLessThan(7);
    for (Response answer : answers(atB)) {
      module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + answer.jsonPath().getString("id")).then()
          .statusCode(200);
    }
  }

  @Test
  void aSettingsChangeAndAVisitWaitForEachOtherAndTheVisitIsStoredUnderTheNewSettings() throws Exception {
    // the desk's rules and key are remembered, with the 15-minute slots of the default settings
    send(visit("desk-d")).get().then().statusCode(201);
    CompletableFuture<Response> sent;
    try (Connection change = TestPostgres.connect()) {
      change.setAutoCommit(false);
      // the library switches to hourly slots; not committed yet
      change.createStatement().executeUpdate("INSERT INTO " + SCHEMA + ".settings (time_granularity_minutes)"
          + " VALUES (60) ON CONFLICT (singleton) DO UPDATE SET time_granularity_minutes = 60");
      sent = send(visit("desk-d"));
      // the change renewed the mandates' stamps, so the visit's insert waits for it instead of missing it
      awaitInsertWaitingForLock();
      try (Connection creating = TestPostgres.connect()) {
        // and it holds the lock that creating or changing a mandate takes, so no mandate escapes the renewal
        ResultSet free = creating.createStatement().executeQuery("SELECT pg_try_advisory_xact_lock(hashtext('"
            + SCHEMA + ".mandate'))");
        free.next();
        assertThat(free.getBoolean(1)).isFalse();
      }
      change.commit();
    }
    try {
      String id = sent.get(60, TimeUnit.SECONDS).then().statusCode(201).extract().path("id");
      assertThat(count("SELECT bucket_minutes FROM " + SCHEMA + ".contact_log WHERE id = '" + id + "'"))
          .as("admitted anew under the settings committed while it waited").isEqualTo(60);
    } finally {
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".settings SET time_granularity_minutes = 15");
    }
  }

  @Test
  void aBatchThatFailsInTheDatabaseIsStoredVisitByVisitAndEachVisitIsAnswered() throws Exception {
    send(visit("desk-c")).get().then().statusCode(201);
    assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'contact_log_20260301' AND relnamespace = '"
        + SCHEMA + "'::regnamespace")).as("the day before has no partition yet").isZero();
    List<CompletableFuture<Response>> sent = new ArrayList<>();
    try (Connection holder = TestPostgres.connect()) {
      holder.setAutoCommit(false);
      // a lock that the insert waits for, and that changes nothing
      holder.createStatement().execute("SELECT 1 FROM " + SCHEMA + ".mandate WHERE id = " + mandateAt("desk-c")
          + " FOR NO KEY UPDATE");
      sent.add(send(visit("desk-c")));
      awaitInsertWaitingForLock();
      for (int i = 0; i < 3; i++) {
        sent.add(send(visit("desk-c")));
      }
      // a visit of the day before: its day has no partition, so a statement holding it fails as a whole
      sent.add(send(visit("desk-c").put("visitedAt", "2026-03-01T12:00:00Z")));
      // its day's key, created by a statement of its own, is its last step before the queue
      for (int i = 0; i < 200 && count("SELECT count(*) FROM " + SCHEMA + ".data_key WHERE visit_day = '2026-03-01'")
          == 0; i++) {
        Thread.sleep(50);
      }
      Thread.sleep(500);   // lets the visits sent reach the module's queue; nothing below depends on it
      holder.rollback();
    }

    List<String> ids = new ArrayList<>();
    for (Response answer : answers(sent)) {
      answer.then().statusCode(201);
      ids.add("'" + answer.jsonPath().getString("id") + "'");
    }
    String stored = " FROM " + SCHEMA + ".contact_log WHERE id IN (" + String.join(", ", ids) + ")";
    assertThat(count("SELECT count(*)" + stored)).isEqualTo(5);
    assertThat(count("SELECT count(*)" + stored + " AND visit_day = '2026-03-01'")).isEqualTo(1);
    assertThat(count("SELECT count(DISTINCT xmin::text)" + stored + " AND visit_day = '2026-03-02'"))
        .as("after the failed batch, each visit was stored by a statement of its own").isEqualTo(4);
  }
}
