package org.folio.contacttracing.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contact logs live in one partition per library day: a day whose entries are all due goes whole, with its
 * keys; a day's first visit creates its partition; a window reads the right days in every time zone.
 */
class DayPartitionsTest {
  private static final String TENANT = "partitions";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-04-01T10:00:00Z"));
  }

  @BeforeEach
  void freshTenant() {
    module.clock().set(Instant.parse("2026-04-01T10:00:00Z"));
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.purge(TENANT + "_upgrade");
    module.close();
  }

  private static boolean partitionExists(String schema, LocalDate day) throws Exception {
    return count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '"
        + schema + "' AND c.relname = 'contact_log_" + day.toString().replace("-", "") + "'") == 1;
  }

  private static long rows(String where) throws Exception {
    return count("SELECT count(*) FROM " + SCHEMA + ".contact_log " + where);
  }

  private static String mandate(int retentionDays, String... locations) {
    return module.as(TENANT, STAFF)
        .body(Mandates.mandate("2026-03-01", List.of("name"), retentionDays, locations).encode())
        .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
  }

  private static String visit(String location, String name, String visitedAt) {
    JsonObject body = new JsonObject().put("location", location).put("name", name);
    if (visitedAt != null) {
      body.put("visitedAt", visitedAt);
    }
    return module.as(TENANT, STAFF).body(body.encode()).post("/contact-tracing/contact-logs")
        .then().statusCode(201).extract().path("id");
  }

  private static Response purge() {
    return module.tenant(TENANT).post("/contact-tracing/retention/purge");
  }

  @Test
  void aDayWhoseEntriesAreAllDueGoesWholeWithItsKeyAndTheNextDaysAreCreatedAhead() throws Exception {
    mandate(1);
    for (int i = 0; i < 3; i++) {
      visit("desk", "First Day " + i, null);
    }
    module.clock().set(Instant.parse("2026-04-02T10:00:00Z"));
    visit("desk", "Second Day", null);
    assertThat(partitionExists(SCHEMA, LocalDate.parse("2026-04-01"))).isTrue();
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key")).isEqualTo(2);

    // 2026-04-01's entries are due at the end of 2026-04-02 (UTC, one retention day)
    module.clock().set(Instant.parse("2026-04-03T00:30:00Z"));
    purge().then().statusCode(200).body("contactLogsDestroyed", equalTo(3)).body("dataKeysDestroyed", equalTo(1))
        .body("periodFrom", equalTo("2026-04-01T10:00:00.000Z")).body("periodTo", equalTo("2026-04-01T10:00:00.000Z"));

    assertThat(partitionExists(SCHEMA, LocalDate.parse("2026-04-01"))).as("the day's table is gone").isFalse();
    assertThat(rows("")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key WHERE visit_day = '2026-04-01'")).isZero();
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key WHERE visit_day = '2026-04-02'")).isEqualTo(1);
    // the library's today and tomorrow are ready before their first visit
    assertThat(partitionExists(SCHEMA, LocalDate.parse("2026-04-03"))).isTrue();
    assertThat(partitionExists(SCHEMA, LocalDate.parse("2026-04-04"))).isTrue();
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().statusCode(200)
        .body("totalRecords", equalTo(1)).body("contactLogs[0].name", equalTo("Second Day"));
  }

  @Test
  void aDaySharedWithALongerRetentionIsPurgedRowByRowAndLosesOnlyTheShorterMandatesKey() throws Exception {
    mandate(1, "desk");
    mandate(5, "annex");
    visit("desk", "Short Kept", null);
    visit("annex", "Long Kept", null);
    module.clock().set(Instant.parse("2026-04-03T00:30:00Z"));

    purge().then().statusCode(200).body("contactLogsDestroyed", equalTo(1)).body("dataKeysDestroyed", equalTo(1));

    assertThat(partitionExists(SCHEMA, LocalDate.parse("2026-04-01"))).isTrue();
    assertThat(rows("WHERE location = 'annex'")).isEqualTo(1);
    assertThat(rows("WHERE location = 'desk'")).isZero();
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key")).isEqualTo(1);
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().statusCode(200)
        .body("contactLogs[0].name", equalTo("Long Kept"));

    // once the longer retention ends too, the day goes whole
    module.clock().set(Instant.parse("2026-04-07T00:30:00Z"));
    purge().then().statusCode(200).body("contactLogsDestroyed", equalTo(1)).body("dataKeysDestroyed", equalTo(1));
    assertThat(partitionExists(SCHEMA, LocalDate.parse("2026-04-01"))).isFalse();
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key")).isZero();
  }

  @Test
  void concurrentFirstVisitsOfADayWithoutPartitionAllSucceedAndShareOnePartition() throws Exception {
    mandate(30);
    module.clock().set(Instant.parse("2026-04-10T10:00:00Z"));
    LocalDate late = LocalDate.parse("2026-04-06");
    assertThat(partitionExists(SCHEMA, late)).isFalse();

    ExecutorService desks = Executors.newFixedThreadPool(16);
    List<CompletableFuture<Integer>> posts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String body = new JsonObject().put("location", "desk").put("name", "Paper Log " + i)
          .put("visitedAt", "2026-04-06T15:00:00Z").encode();
      posts.add(CompletableFuture.supplyAsync(() -> module.as(TENANT, STAFF).body(body)
          .post("/contact-tracing/contact-logs").statusCode(), desks));
    }
    for (CompletableFuture<Integer> post : posts) {
      assertThat(post.get()).isEqualTo(201);
    }
    desks.shutdown();
    assertThat(partitionExists(SCHEMA, late)).isTrue();
    assertThat(rows("WHERE visit_day = '2026-04-06'")).isEqualTo(16);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key WHERE visit_day = '2026-04-06'")).isEqualTo(1);
  }

  @Test
  void theKeyOfADayGoesWithItsLastEntryWhenStaffDeleteOrMoveIt() throws Exception {
    mandate(30);
    module.clock().set(Instant.parse("2026-04-10T10:00:00Z"));
    String deleted = visit("desk", "Deleted Visitor", "2026-04-05T12:00:00Z");
    String moved = visit("desk", "Moved Visitor", "2026-04-07T12:00:00Z");
    visit("desk", "Staying Visitor", "2026-04-08T12:00:00Z");
    String keys = "SELECT count(*) FROM " + SCHEMA + ".data_key WHERE visit_day = ";
    assertThat(count(keys + "'2026-04-05'")).isEqualTo(1);

    module.as(TENANT, STAFF).delete("/contact-tracing/contact-logs/" + deleted).then().statusCode(204);
    assertThat(count(keys + "'2026-04-05'")).as("shredded with the day's last entry").isZero();

    module.as(TENANT, STAFF).body(new JsonObject().put("location", "desk").put("name", "Moved Visitor")
            .put("visitedAt", "2026-04-08T13:00:00Z").encode())
        .put("/contact-tracing/contact-logs/" + moved).then().statusCode(204);
    assertThat(count(keys + "'2026-04-07'")).isZero();
    assertThat(count(keys + "'2026-04-08'")).isEqualTo(1);
    assertThat(rows("WHERE visit_day = '2026-04-08'")).isEqualTo(2);
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + moved).then().statusCode(200)
        .body("name", equalTo("Moved Visitor")).body("visitedAt", equalTo("2026-04-08T13:00:00.000Z"));
  }

  @Test
  void windowsFindVisitsWhoseLibraryDayIsNotTheirUtcDate() throws Exception {
    mandate(30);
    module.clock().set(Instant.parse("2026-04-20T12:00:00Z"));
    for (String zone : List.of("Pacific/Kiritimati", "Pacific/Pago_Pago")) {
      module.as(TENANT, STAFF).body(new JsonObject().put("timeZone", zone).put("timeGranularityMinutes", 60)
              .put("maxDisclosureWindowDays", 14).put("releaseHours", 48).put("maxHoldDays", 7)
              .put("auditRetentionDays", 730).encode())
          .put("/contact-tracing/settings").then().statusCode(204);
      // 00:10 local on the 10th in UTC+14 is the 9th, 10:10 UTC; 23:50 local in UTC-11 is the 11th, 10:50 UTC
      String at = zone.equals("Pacific/Kiritimati") ? "2026-04-09T10:10:00Z" : "2026-04-11T10:50:00Z";
      String id = visit("desk", "Visitor In " + zone, at);
      Instant slot = Instant.parse(at).minusSeconds(Instant.parse(at).getEpochSecond() % 3600);
      // a window that only touches the last minute of the hour-long slot still finds it
      String from = slot.plusSeconds(3599).toString();
      String to = slot.plusSeconds(3600 + 60).toString();
      module.as(TENANT, STAFF).queryParam("from", from).queryParam("to", to).queryParam("location", "desk")
          .get("/contact-tracing/contact-logs").then().statusCode(200)
          .body("totalRecords", equalTo(1)).body("contactLogs[0].id", equalTo(id));
      module.as(TENANT, STAFF).queryParam("from", slot.plusSeconds(3600).toString()).queryParam("to", to)
          .get("/contact-tracing/contact-logs").then().statusCode(200).body("totalRecords", equalTo(0));
      module.as(TENANT, STAFF).delete("/contact-tracing/contact-logs/" + id).then().statusCode(204);
    }
  }

  @Test
  void upgradingFromTheUnpartitionedLogKeepsEveryEntryReadableAndDropsUnusedKeys() throws Exception {
    String tenant = TENANT + "_upgrade";
    String schema = tenant + "_mod_contact_tracing";
    module.purge(tenant);
    DatabaseSettings db = TestPostgres.settings();
    // the schema as release candidates before partitioning left it
    Flyway.configure(getClass().getClassLoader()).dataSource(db.jdbcUrl(), db.username(), db.password())
        .schemas(schema).createSchemas(true).locations("classpath:db/migration").placeholderReplacement(false)
        .target("4").load().migrate();
    // this code reads the mandate columns of V13, so they stand in while it writes, and go before the upgrade adds them
    ModuleUnderTest.execute("ALTER TABLE " + schema + ".mandate ADD COLUMN optional_fields text[] NOT NULL DEFAULT '{}',"
        + " ADD COLUMN require_one_of jsonb NOT NULL DEFAULT '[]'");
    // and it admits on the mandate's stamp of V15: a stand-in that holds while nothing changes it
    ModuleUnderTest.execute("ALTER TABLE " + schema + ".mandate ADD COLUMN stamp uuid NOT NULL DEFAULT gen_random_uuid()");
    module.as(tenant, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 30).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    List<String> ids = new ArrayList<>();
    for (String at : List.of("2026-03-30T09:00:00Z", "2026-03-31T09:00:00Z", "2026-04-01T09:00:00Z")) {
      ids.add(module.as(tenant, STAFF).body(new JsonObject().put("location", "desk").put("name", "Kept " + at)
              .put("visitedAt", at).encode())
          .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id"));
    }
    assertThat(count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = '"
        + schema + "' AND relname = 'contact_log' AND relkind = 'r'")).as("a plain table before").isEqualTo(1);
    // a key no entry uses, as earlier snapshots could leave behind
    ModuleUnderTest.execute("INSERT INTO " + schema + ".data_key SELECT mandate_id, '2026-03-20', kek_id, wrapped_key FROM "
        + schema + ".data_key LIMIT 1");
    ModuleUnderTest.execute("ALTER TABLE " + schema + ".mandate DROP COLUMN optional_fields, DROP COLUMN require_one_of,"
        + " DROP COLUMN stamp");

    module.runTenantJob(tenant, "{\"module_from\":\"mod-contact-tracing-1.0.0-SNAPSHOT\",\"module_to\":\""
        + ModuleUnderTest.MODULE_ID + "\"}");

    assertThat(count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = '"
        + schema + "' AND relname = 'contact_log' AND relkind = 'p'")).as("partitioned after").isEqualTo(1);
    for (String day : List.of("2026-03-30", "2026-03-31", "2026-04-01")) {
      assertThat(partitionExists(schema, LocalDate.parse(day))).isTrue();
    }
    assertThat(count("SELECT count(*) FROM " + schema + ".data_key")).isEqualTo(3);
    for (String id : ids) {
      module.as(tenant, STAFF).get("/contact-tracing/contact-logs/" + id).then().statusCode(200)
          .body("name", org.hamcrest.Matchers.startsWith("Kept "));
    }
  }
}
