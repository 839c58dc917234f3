package org.folio.contacttracing.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /contact-tracing/settings}, and what one tenant's settings and mandates mean to another tenant. */
class SettingsApiTest {
  private static final String TENANT = "settingsapi";
  private static final String OTHER_TENANT = "settingsapi_b";
  private static final String PATH = "/contact-tracing/settings";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final UUID USER = UUID.fromString("5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  private static final UUID OTHER_USER = UUID.fromString("6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e");
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    module.install(OTHER_TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.purge(OTHER_TENANT);
    module.close();
  }

  @BeforeEach
  void reset() throws SQLException {
    module.clock().set(NOW);
    for (String tenant : List.of(TENANT, OTHER_TENANT)) {
      String schema = tenant + "_mod_contact_tracing";
      ModuleUnderTest.execute("DELETE FROM " + schema + ".contact_log");
      ModuleUnderTest.execute("DELETE FROM " + schema + ".mandate");
      ModuleUnderTest.execute("UPDATE " + schema + ".settings SET time_zone = DEFAULT, "
          + "time_granularity_minutes = DEFAULT, max_disclosure_window_days = DEFAULT, release_hours = DEFAULT, "
          + "max_hold_days = DEFAULT, audit_retention_days = DEFAULT, updated_by_user_id = NULL");
    }
  }

  private static JsonObject settings(String tenant) {
    Response response = module.as(tenant, USER).get(PATH);
    response.then().statusCode(200).contentType(startsWith("application/json"));
    return new JsonObject(response.asString());
  }

  private static Response put(String tenant, UUID user, JsonObject body) {
    return module.as(tenant, user).body(body.encode()).put(PATH);
  }

  private static void assertDefaults(JsonObject settings) {
    assertThat(settings.getString("timeZone")).isEqualTo("UTC");
    assertThat(settings.getInteger("timeGranularityMinutes")).isEqualTo(15);
    assertThat(settings.getInteger("maxDisclosureWindowDays")).isEqualTo(31);
    assertThat(settings.getInteger("releaseHours")).isEqualTo(72);
    assertThat(settings.getInteger("maxHoldDays")).isEqualTo(14);
    assertThat(settings.getInteger("auditRetentionDays")).isEqualTo(400);
  }

  private static JsonObject full() {
    return new JsonObject()
        .put("timeZone", "America/Chicago")
        .put("timeGranularityMinutes", 30)
        .put("maxDisclosureWindowDays", 14)
        .put("releaseHours", 48)
        .put("maxHoldDays", 7)
        .put("auditRetentionDays", 730);
  }

  // --- read and replace ---

  @Test
  void defaultsOfAFreshTenant() {
    JsonObject settings = settings(TENANT);
    assertDefaults(settings);
    assertThat(settings.fieldNames()).doesNotContain("id");
  }

  @Test
  void putAnswers204AndGetShowsTheValuesAndWhoChangedThem() {
    module.clock().set(Instant.parse("2026-03-04T16:45:00Z"));
    Response response = put(TENANT, OTHER_USER, full());
    response.then().statusCode(204);
    assertThat(response.asString()).isEmpty();

    JsonObject settings = settings(TENANT);
    assertThat(settings.getString("timeZone")).isEqualTo("America/Chicago");
    assertThat(settings.getInteger("timeGranularityMinutes")).isEqualTo(30);
    assertThat(settings.getInteger("maxDisclosureWindowDays")).isEqualTo(14);
    assertThat(settings.getInteger("releaseHours")).isEqualTo(48);
    assertThat(settings.getInteger("maxHoldDays")).isEqualTo(7);
    assertThat(settings.getInteger("auditRetentionDays")).isEqualTo(730);
    assertThat(settings.getJsonObject("metadata").getString("updatedByUserId")).isEqualTo(OTHER_USER.toString());
    assertThat(settings.getJsonObject("metadata").getString("updatedDate")).isEqualTo("2026-03-04T16:45:00.000Z");
  }

  @Test
  void putReplacesSoAbsentValuesReturnToTheirDefaults() {
    put(TENANT, USER, full()).then().statusCode(204);
    put(TENANT, USER, new JsonObject().put("timeZone", "Europe/Berlin")).then().statusCode(204);
    JsonObject settings = settings(TENANT);
    assertThat(settings.getString("timeZone")).isEqualTo("Europe/Berlin");
    assertThat(settings.getInteger("timeGranularityMinutes")).isEqualTo(15);
    assertThat(settings.getInteger("auditRetentionDays")).isEqualTo(400);
  }

  @Test
  void putOfTheFetchedBodyIgnoresItsMetadata() {
    put(TENANT, USER, full()).then().statusCode(204);
    JsonObject fetched = settings(TENANT);
    fetched.put("releaseHours", 24);
    fetched.getJsonObject("metadata").put("updatedByUserId", UUID.randomUUID().toString())
        .put("updatedDate", "2020-01-01T00:00:00.000Z");
    put(TENANT, OTHER_USER, fetched).then().statusCode(204);
    JsonObject after = settings(TENANT);
    assertThat(after.getInteger("releaseHours")).isEqualTo(24);
    assertThat(after.getJsonObject("metadata").getString("updatedByUserId")).isEqualTo(OTHER_USER.toString());
    assertThat(after.getJsonObject("metadata").getString("updatedDate")).isEqualTo("2026-03-02T10:00:00.000Z");
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 10, 15, 30, 60})
  void everyAllowedGranularityIsAccepted(int minutes) {
    put(TENANT, USER, new JsonObject().put("timeGranularityMinutes", minutes)).then().statusCode(204);
    assertThat(settings(TENANT).getInteger("timeGranularityMinutes")).isEqualTo(minutes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "Pacific/Auckland", "Asia/Kathmandu", "America/Argentina/Buenos_Aires"})
  void ianaZonesAreAccepted(String zone) {
    put(TENANT, USER, new JsonObject().put("timeZone", zone)).then().statusCode(204);
    assertThat(settings(TENANT).getString("timeZone")).isEqualTo(zone);
  }

  // --- refusals ---

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(new JsonObject().put("timeZone", "Mars/Olympus"), "invalid_value", "timeZone", "Mars/Olympus"),
        Arguments.of(new JsonObject().put("timeZone", "+02:00"), "invalid_value", "timeZone", "+02:00"),
        Arguments.of(new JsonObject().put("timeZone", "GMT+2"), "invalid_value", "timeZone", "GMT+2"),
        Arguments.of(new JsonObject().put("timeZone", ""), "invalid_value", "timeZone", null),
        Arguments.of(new JsonObject().put("timeZone", 5), "invalid_type", "timeZone", null),
        Arguments.of(new JsonObject().put("timeGranularityMinutes", 7), "invalid_value", "timeGranularityMinutes",
            null),
        Arguments.of(new JsonObject().put("timeGranularityMinutes", "15"), "invalid_type", "timeGranularityMinutes",
            null),
        Arguments.of(new JsonObject().put("maxDisclosureWindowDays", 0), "invalid_value", "maxDisclosureWindowDays",
            null),
        Arguments.of(new JsonObject().put("releaseHours", 721), "invalid_value", "releaseHours", "721"),
        Arguments.of(new JsonObject().put("maxHoldDays", -1), "invalid_value", "maxHoldDays", null),
        Arguments.of(new JsonObject().put("auditRetentionDays", 0), "invalid_value", "auditRetentionDays", null),
        // one person alone must not weaken accountability: no hold longer than a release needs, no audit that dies
        // before the entries it records
        Arguments.of(new JsonObject().put("maxHoldDays", 32), "invalid_value", "maxHoldDays", null),
        Arguments.of(new JsonObject().put("maxHoldDays", 366), "invalid_value", "maxHoldDays", null),
        Arguments.of(new JsonObject().put("auditRetentionDays", 1), "invalid_value", "auditRetentionDays", null),
        Arguments.of(new JsonObject().put("auditRetentionDays", 30), "invalid_value", "auditRetentionDays", null),
        Arguments.of(new JsonObject().put("auditRetentionDays", 399), "invalid_value", "auditRetentionDays", null),
        Arguments.of(new JsonObject().put("auditRetentionDays", 3661), "invalid_value", "auditRetentionDays", null),
        Arguments.of(new JsonObject().put("keepForever", "yes-please"), "unknown_property", "keepForever",
            "yes-please"),
        Arguments.of(new JsonObject().put("timeZone", "Europe/Berlin").put("adminEmail", "chief@library.example"),
            "unknown_property", "adminEmail", "chief@library.example"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  @SuppressWarnings("unchecked")
  void refusedPutIs422AndLeavesTheSettingsUnchanged(JsonObject body, String code, String field, String secret) {
    put(TENANT, USER, full()).then().statusCode(204);
    module.clock().set(Instant.parse("2026-03-05T00:00:00Z"));
    JsonObject before = settings(TENANT);

    Response response = put(TENANT, OTHER_USER, body);
    response.then().statusCode(422).contentType(startsWith("application/json"));
    List<Map<String, Object>> errors = response.jsonPath().getList("errors");
    assertThat(errors).as(response.asString()).anySatisfy(error -> {
      assertThat(error.get("code")).isEqualTo(code);
      assertThat(((List<Map<String, Object>>) error.get("parameters")).get(0).get("key")).isEqualTo(field);
    });
    if (secret != null) {
      assertThat(response.asString()).as("errors never echo the submitted value").doesNotContain(secret);
    }

    assertThat(settings(TENANT)).isEqualTo(before);
  }

  @Test
  void theBoundsOfHoldAndAuditRetentionAreAccepted() {
    put(TENANT, USER, new JsonObject().put("maxHoldDays", 31).put("auditRetentionDays", 400)).then().statusCode(204);
    assertThat(settings(TENANT).getInteger("maxHoldDays")).isEqualTo(31);
    assertThat(settings(TENANT).getInteger("auditRetentionDays")).isEqualTo(400);
    put(TENANT, USER, new JsonObject().put("maxHoldDays", 0).put("auditRetentionDays", 3660)).then().statusCode(204);
  }

  @Test
  void theAuditOfEveryEntryOutlivesTheEntryInTheSchemaTheCodeAndTheDatabase() throws Exception {
    // an entry lives at most the longest retention, its visit day and the longest hold
    assertThat(Settings.MIN_AUDIT_RETENTION_DAYS)
        .isGreaterThanOrEqualTo(Settings.LONGEST_RETENTION_DAYS + 1 + Settings.MAX_HOLD_DAYS);
    JsonObject mandate = new JsonObject(Files.readString(Path.of("ramls/schemas/mandate.json")));
    assertThat(mandate.getJsonObject("properties").getJsonObject("retentionDays").getInteger("maximum"))
        .isEqualTo(Settings.LONGEST_RETENTION_DAYS);
    JsonObject schema = new JsonObject(Files.readString(Path.of("ramls/schemas/settings.json")))
        .getJsonObject("properties");
    assertThat(schema.getJsonObject("maxHoldDays").getInteger("maximum")).isEqualTo(Settings.MAX_HOLD_DAYS);
    assertThat(schema.getJsonObject("auditRetentionDays").getInteger("minimum"))
        .isEqualTo(Settings.MIN_AUDIT_RETENTION_DAYS);
    assertThat(schema.getJsonObject("auditRetentionDays").getInteger("maximum"))
        .isEqualTo(Settings.MAX_AUDIT_RETENTION_DAYS);
    // and the database refuses what the API refuses, whoever writes
    String table = TENANT + "_mod_contact_tracing.settings";
    for (String assignment : List.of("max_hold_days = 32", "max_hold_days = -1", "audit_retention_days = 399",
        "audit_retention_days = 3661")) {
      assertThatThrownBy(() -> ModuleUnderTest.execute("UPDATE " + table + " SET " + assignment))
          .as(assignment).hasMessageContaining("violates check constraint");
    }
    ModuleUnderTest.execute("UPDATE " + table + " SET max_hold_days = 31, audit_retention_days = 400");
  }

  @Test
  void migrationV8ClampsSettingsThatWeakenedAccountabilityAndRecordsTheChange() throws Exception {
    String schema = OTHER_TENANT + "_mod_contact_tracing";
    // the tenant as the release before V8 left it, with the settings one person could set then
    org.folio.contacttracing.support.Migrations.rebuildAt(schema,
        org.folio.contacttracing.support.Migrations.before(8));
    ModuleUnderTest.execute("UPDATE " + schema + ".settings SET max_hold_days = 366, audit_retention_days = 1,"
        + " release_hours = 48");
    long eventsBefore = ModuleUnderTest.count("SELECT count(*) FROM " + schema + ".audit_event");

    module.runTenantJob(OTHER_TENANT, "{\"module_from\":\"mod-contact-tracing-0.9.0\",\"module_to\":\""
        + ModuleUnderTest.MODULE_ID + "\"}");

    JsonObject settings = settings(OTHER_TENANT);
    assertThat(settings.getInteger("maxHoldDays")).isEqualTo(31);
    assertThat(settings.getInteger("auditRetentionDays")).isEqualTo(400);
    assertThat(settings.getInteger("releaseHours")).isEqualTo(48);
    assertThat(ModuleUnderTest.count("SELECT count(*) FROM " + schema + ".audit_event WHERE action = 'settings.update'"
        + " AND details->>'migration' = 'V8__settings_bounds' AND details->'maxHoldDays'->>'from' = '366'"
        + " AND details->'auditRetentionDays'->>'to' = '400'")).isEqualTo(1);
    assertThat(ModuleUnderTest.count("SELECT count(*) FROM " + schema + ".audit_event")).isEqualTo(eventsBefore + 1);
    assertThatThrownBy(() -> ModuleUnderTest.execute("UPDATE " + schema + ".settings SET max_hold_days = 366"))
        .hasMessageContaining("violates check constraint");
  }

  @Test
  void malformedJsonIsA400AndLeavesTheSettingsUnchanged() {
    JsonObject before = settings(TENANT);
    module.as(TENANT, USER).body("{\"timeZone\":").put(PATH).then().statusCode(400)
        .contentType(startsWith("text/plain"));
    module.as(TENANT, USER).body(new JsonArray().add("UTC").encode()).put(PATH).then().statusCode(400);
    assertThat(settings(TENANT)).isEqualTo(before);
  }

  @Test
  void missingTenantIsA400() {
    module.bare().get(PATH).then().statusCode(400).contentType(startsWith("text/plain"));
  }

  // --- tenant isolation ---

  @Test
  void anotherTenantKeepsItsDefaults() {
    put(TENANT, USER, full()).then().statusCode(204);
    assertThat(settings(TENANT).getString("timeZone")).isEqualTo("America/Chicago");

    JsonObject other = settings(OTHER_TENANT);
    assertDefaults(other);
    assertThat(other.getJsonObject("metadata", new JsonObject()).containsKey("updatedByUserId")).isFalse();

    put(OTHER_TENANT, OTHER_USER, new JsonObject().put("timeZone", "Asia/Kathmandu")).then().statusCode(204);
    assertThat(settings(TENANT).getString("timeZone")).isEqualTo("America/Chicago");
    assertThat(settings(TENANT).getJsonObject("metadata").getString("updatedByUserId")).isEqualTo(USER.toString());
  }

  @Test
  void mandatesOfOneTenantAreInvisibleToAnother() {
    JsonObject mandate = new JsonObject()
        .put("authority", new JsonObject().put("type", "law").put("name", "State Emergency Act"))
        .put("reference", "Section 12")
        .put("effectiveFrom", "2026-03-01")
        .put("reviewBy", "2026-04-01")
        .put("collectedFields", new JsonArray().add("name"))
        .put("retentionDays", 21)
        .put("locations", new JsonArray().add("main-desk"));
    Response created = module.as(TENANT, USER).body(mandate.encode()).post("/contact-tracing/mandates");
    created.then().statusCode(201);
    String id = created.jsonPath().getString("id");

    module.as(OTHER_TENANT, USER).get("/contact-tracing/mandates").then().statusCode(200)
        .body("totalRecords", equalTo(0)).body("mandates.size()", equalTo(0));
    module.as(OTHER_TENANT, USER).get("/contact-tracing/mandates?location=main-desk").then().statusCode(200)
        .body("totalRecords", equalTo(0));
    module.as(OTHER_TENANT, USER).get("/contact-tracing/mandates/" + id).then().statusCode(404)
        .contentType(startsWith("text/plain"));
    module.as(OTHER_TENANT, USER).body(mandate.copy().put("reference", "hijacked").encode())
        .put("/contact-tracing/mandates/" + id).then().statusCode(404);
    module.as(OTHER_TENANT, USER).delete("/contact-tracing/mandates/" + id).then().statusCode(404);
    module.as(OTHER_TENANT, USER).get("/contact-tracing/notice?location=main-desk").then().statusCode(200)
        .body("loggingActive", equalTo(false));

    // the other tenant's own mandate for the same place and time does not clash with it
    module.as(OTHER_TENANT, USER).body(mandate.encode()).post("/contact-tracing/mandates").then().statusCode(201);

    module.as(TENANT, USER).get("/contact-tracing/mandates/" + id).then().statusCode(200)
        .body("reference", equalTo("Section 12"));
    module.as(TENANT, USER).get("/contact-tracing/mandates").then().body("totalRecords", equalTo(1));
  }
}
