package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.platform.Memo;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A visit is admitted on what an earlier visit read only when the database confirms, in the insert itself, that
 * none of it changed. Each test lets a visit fill the memo, then changes the database the way another instance
 * of the module would (by SQL, so this instance hears nothing of it), and checks that the next visit follows the
 * database, not the memo.
 */
class VisitMemoTest {
  private static final String TENANT = "visitmemo";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-03-02T10:07:00Z");
  /** The main desk mandate's key of the test's day; another test adds a mandate with a key of its own. */
  private static final String MAIN_DESK_TODAY = "visit_day = '2026-03-02' AND mandate_id = (SELECT id FROM "
      + SCHEMA + ".mandate WHERE locations = '{main-desk}')";
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 21, "main-desk").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void reset() throws Exception {
    module.clock().set(NOW);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log");
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET effective_until = NULL,"
        + " collected_fields = '{name,phone}' WHERE locations = '{main-desk}'");
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".settings SET time_zone = 'UTC'");
  }

  private static JsonObject visit() {
    return new JsonObject().put("location", "main-desk").put("name", "Ada Lovelace").put("phone", "+1 555 0100");
  }

  private static io.restassured.response.Response post(JsonObject body) {
    return module.as(TENANT, STAFF).body(body.encode()).post("/contact-tracing/contact-logs");
  }

  private static long created() throws SQLException {
    // recording writes no audit event of its own (the purge counts entries per slot), so any event is one too many
    return count("SELECT count(*) FROM " + SCHEMA + ".audit_event");
  }

  @Test
  void aMandateEndedByAnotherInstanceAdmitsNoFurtherVisit() throws Exception {
    post(visit()).then().statusCode(201);
    post(visit()).then().statusCode(201);
    long events = created();
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET effective_until = '2026-03-01'"
        + " WHERE locations = '{main-desk}'");

    post(visit()).then().statusCode(422).body("errors[0].code", equalTo("no_mandate_in_force"));

    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isEqualTo(2);
    assertThat(created()).as("no audit event for a visit not stored").isEqualTo(events);
  }

  @Test
  void aFieldNoLongerCollectedIsRefusedAtOnce() throws Exception {
    post(visit()).then().statusCode(201);
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET collected_fields = '{name}'"
        + " WHERE locations = '{main-desk}'");

    post(visit()).then().statusCode(422).body("errors[0].code", equalTo("field_not_mandated"))
        .body("errors[0].parameters[0].key", equalTo("phone"));
    post(new JsonObject().put("location", "main-desk").put("name", "Ada Lovelace")).then().statusCode(201);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isEqualTo(2);
  }

  @Test
  void aDestroyedDayKeyIsNeverUsedAgain() throws Exception {
    String first = post(visit()).then().statusCode(201).extract().path("id");
    String keyBefore = wrappedKeyOfToday();
    // the day's only entry is deleted: its key is destroyed with it
    module.as(TENANT, STAFF).delete("/contact-tracing/contact-logs/" + first).then().statusCode(204);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key WHERE " + MAIN_DESK_TODAY)).isZero();
    // another instance logs the next visit of the day, which creates a new key under the same KEK
    try (ModuleUnderTest other = ModuleUnderTest.start(NOW)) {
      other.as(TENANT, STAFF).body(visit().encode()).post("/contact-tracing/contact-logs").then().statusCode(201);
    }
    String keyNow = wrappedKeyOfToday();
    assertThat(keyNow).isNotNull().isNotEqualTo(keyBefore);

    // this instance still remembers the destroyed key: the visit must be sealed under the new one
    String second = post(visit()).then().statusCode(201).extract().path("id");

    assertThat(wrappedKeyOfToday()).isEqualTo(keyNow);
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + second).then().statusCode(200)
        .body("name", equalTo("Ada Lovelace"));
  }

  @Test
  void aTimeZoneChangedByAnotherInstanceIsFollowed() throws Exception {
    post(visit()).then().statusCode(201).body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".settings SET time_zone = 'Pacific/Kiritimati'");

    // 10:07 UTC is already 3 March at UTC+14: destroyed at the start of 25 March there, 10:00 UTC the day before
    post(visit()).then().statusCode(201).body("destroyAfter", equalTo("2026-03-24T10:00:00.000Z"));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE visit_day = '2026-03-03'"))
        .isEqualTo(1);
  }

  @Test
  void aRetentionAndAGranularityChangedByAnotherInstanceAreFollowed() throws Exception {
    post(visit()).then().statusCode(201).body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"))
        .body("visitedAt", equalTo("2026-03-02T10:00:00.000Z"));
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET retention_days = 7 WHERE locations = '{main-desk}'");
    post(visit()).then().statusCode(201).body("destroyAfter", equalTo("2026-03-10T00:00:00.000Z"));
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".settings SET time_granularity_minutes = 5");
    try {
      post(visit()).then().statusCode(201).body("visitedAt", equalTo("2026-03-02T10:05:00.000Z"));
    } finally {
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET retention_days = 21 WHERE locations = '{main-desk}'");
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".settings SET time_granularity_minutes = 15");
    }
  }

  @Test
  void aLocationDroppedFromTheMandateIsRefused() throws Exception {
    post(visit()).then().statusCode(201);
    ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET locations = '{front-door}'"
        + " WHERE locations = '{main-desk}'");
    try {
      post(visit()).then().statusCode(422).body("errors[0].code", equalTo("no_mandate_in_force"));
    } finally {
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET locations = '{main-desk}'"
          + " WHERE locations = '{front-door}'");
    }
  }

  @Test
  void aMandateCreatedAfterARefusalIsFoundAtOnce() throws Exception {
    JsonObject annex = visit().put("location", "annex");
    post(annex).then().statusCode(422).body("errors[0].code", equalTo("no_mandate_in_force"));
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-02", List.of("name", "phone"), 7, "annex").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);

    post(annex).then().statusCode(201);
  }

  @Test
  void theMemoIsBoundedAndForgets() {
    Memo<String> memo = new Memo<>();
    for (int i = 0; i <= Memo.MAX_ENTRIES; i++) {
      memo.put("t" + i, "rules");
    }
    assertThat(memo.size()).isEqualTo(Memo.MAX_ENTRIES);
    assertThat(memo.get("t0")).as("the oldest goes").isEmpty();
    String last = "t" + Memo.MAX_ENTRIES;
    assertThat(memo.get(last)).isPresent();
    memo.forget(last);
    assertThat(memo.get(last)).isEmpty();
  }

  @Test
  void expiredContextsGoEvenWhenNoOneAsksForThemAgain() throws Exception {
    Memo<String> memo = new Memo<>(1_000_000);   // 1 ms
    memo.put("a", "rules");
    Thread.sleep(5);
    assertThat(memo.get("a")).as("an expired entry is never answered").isEmpty();
    memo.put("b", "rules");
    assertThat(memo.size()).as("a put elsewhere clears what expired").isEqualTo(1);
    Thread.sleep(5);
    memo.forgetExpired();
    assertThat(memo.size()).as("the minute's housekeeping clears the rest").isZero();
  }

  /**
   * The day's key is destroyed and a new one created by another transaction while this instance's insert,
   * admitted on the old key, waits for that transaction's lock on the key's row: the insert must not store an
   * entry sealed under a key that no longer exists. (With the destruction and the new key in two transactions
   * committed between the insert's check and its foreign-key check, the foreign key alone would accept the new
   * key's row; that interleaving cannot be staged from outside, and is closed by the check's lock on the key.)
   */
  @Test
  void aKeyReplacedWhileTheInsertWaitsIsNotUsed() throws Exception {
    String first = post(visit()).then().statusCode(201).extract().path("id");
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log");
    String mandate = module.as(TENANT, STAFF).get("/contact-tracing/mandates?location=main-desk").then()
        .extract().path("mandates[0].id");
    DataKeyWrapper.Wrapped replacement = new DataKeyWrapper(ModuleUnderTest.KEYS).wrap(Aead.newKey(),
        DataKeyStore.label(new TenantId(TENANT), UUID.fromString(mandate), java.time.LocalDate.parse("2026-03-02")));
    String keyBefore = wrappedKeyOfToday();
    assertThat(first).isNotNull();

    try (Connection other = TestPostgres.connect()) {
      other.setAutoCommit(false);
      try (var replace = other.prepareStatement("DELETE FROM " + SCHEMA + ".data_key WHERE " + MAIN_DESK_TODAY)) {
        assertThat(replace.executeUpdate()).isEqualTo(1);
      }
      try (var create = other.prepareStatement("INSERT INTO " + SCHEMA + ".data_key (mandate_id, visit_day, kek_id,"
          + " wrapped_key) VALUES (?::uuid, '2026-03-02', ?, ?)")) {
        create.setString(1, mandate);
        create.setString(2, replacement.kekId());
        create.setBytes(3, replacement.bytes());
        create.executeUpdate();
      }
      // this instance still remembers the old key; its insert now waits for the other transaction
      var visiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> post(visit()));
      Thread.sleep(500);
      assertThat(visiting).as("the insert waits for the key's row").isNotDone();
      other.commit();
      io.restassured.response.Response answer = visiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
      answer.then().statusCode(201);
      assertThat(wrappedKeyOfToday()).isNotEqualTo(keyBefore);
      module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + answer.jsonPath().getString("id")).then()
          .statusCode(200).body("name", equalTo("Ada Lovelace"));
    }
  }

  private static String wrappedKeyOfToday() throws SQLException {
    try (Connection connection = TestPostgres.connect();
        ResultSet rows = connection.createStatement().executeQuery("SELECT encode(wrapped_key, 'hex') FROM "
            + SCHEMA + ".data_key WHERE " + MAIN_DESK_TODAY)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
