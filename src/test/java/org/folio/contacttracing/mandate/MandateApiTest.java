package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /contact-tracing/mandates} over HTTP, against the real module and database. */
class MandateApiTest {
  private static final String TENANT = "mandateapi";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final String PATH = "/contact-tracing/mandates";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final UUID USER = UUID.fromString("9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b");
  private static final UUID OTHER_USER = UUID.fromString("2c6d1e7f-3a4b-4c5d-9e6f-7a8b9c0d1e2f");
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void reset() throws SQLException {
    module.clock().set(NOW);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log");
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".mandate");
    setTimeZone("UTC");
  }

  // --- helpers ---

  private static RequestSpecification as(UUID user) {
    return module.as(TENANT, user);
  }

  private static RequestSpecification api() {
    return as(USER);
  }

  private static JsonObject body(String from, String until, String... locations) {
    JsonObject json = new JsonObject()
        .put("authority", new JsonObject().put("type", "public-health-agency").put("name", "County Health Department"))
        .put("reference", "Public Health Order 2026-07")
        .put("effectiveFrom", from)
        .put("reviewBy", "2026-04-15")
        .put("collectedFields", new JsonArray().add("name").add("phone"))
        .put("retentionDays", 21)
        .put("locations", new JsonArray(List.of((Object[]) locations)));
    if (until != null) {
      json.put("effectiveUntil", until);
    }
    return json;
  }

  private static Response post(JsonObject body) {
    return api().body(body.encode()).post(PATH);
  }

  private static String create(JsonObject body) {
    Response response = post(body);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    return response.jsonPath().getString("id");
  }

  private static Response put(String id, JsonObject body) {
    return api().body(body.encode()).put(PATH + "/" + id);
  }

  private static JsonObject get(String id) {
    Response response = api().get(PATH + "/" + id);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return new JsonObject(response.asString());
  }

  private static int total() {
    return api().get(PATH + "?limit=0").then().statusCode(200).extract().path("totalRecords");
  }

  private static void setTimeZone(String zone) {
    api().body(new JsonObject().put("timeZone", zone).encode()).put("/contact-tracing/settings")
        .then().statusCode(204);
  }

  /** The whole mandate table as text, to prove that a refused request changed nothing stored. */
  private static String stored() throws SQLException {
    try (Connection conn = TestPostgres.connect(); Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT coalesce(string_agg(m::text, '|' ORDER BY id), '') FROM " + SCHEMA + ".mandate m")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertError(Response response, String code, String field) {
    response.then().statusCode(422).contentType(startsWith("application/json"));
    List<Map<String, Object>> errors = response.jsonPath().getList("errors");
    assertThat(errors).as(response.asString()).anySatisfy(error -> {
      assertThat(error.get("code")).isEqualTo(code);
      assertThat(((List<Map<String, Object>>) error.get("parameters")).get(0).get("key")).isEqualTo(field);
    });
  }

  @SuppressWarnings("unchecked")
  private static void assertErrorCode(Response response, String code) {
    response.then().statusCode(422).contentType(startsWith("application/json"));
    List<Map<String, Object>> errors = response.jsonPath().getList("errors");
    assertThat(errors).as(response.asString()).anySatisfy(error -> assertThat(error.get("code")).isEqualTo(code));
  }

  // --- create and read ---

  @Test
  void createAnswers201WithLocationAndTheMandate() {
    JsonObject body = body("2026-03-01", "2026-05-31", "main-desk", "branch-north")
        .put("collectedFields", new JsonArray().add("name").add("phone").add("partySize"));
    Response response = post(body);

    response.then().statusCode(201).contentType(startsWith("application/json"))
        .body("authority.type", equalTo("public-health-agency"))
        .body("authority.name", equalTo("County Health Department"))
        .body("reference", equalTo("Public Health Order 2026-07"))
        .body("effectiveFrom", equalTo("2026-03-01"))
        .body("effectiveUntil", equalTo("2026-05-31"))
        .body("reviewBy", equalTo("2026-04-15"))
        .body("collectedFields", equalTo(List.of("name", "phone", "partySize")))
        .body("retentionDays", equalTo(21))
        .body("locations", equalTo(List.of("main-desk", "branch-north")))
        .body("status", equalTo("in-force"))
        .body("reviewDue", equalTo(false))
        .body("metadata.createdByUserId", equalTo(USER.toString()))
        .body("metadata.updatedByUserId", equalTo(USER.toString()))
        .body("metadata.createdDate", equalTo("2026-03-02T10:00:00.000Z"));
    String id = response.jsonPath().getString("id");
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(response.header("Location")).isEqualTo(PATH + "/" + id);

    JsonObject fetched = get(id);
    assertThat(fetched).isEqualTo(new JsonObject(response.asString()));
    assertThat(total()).isEqualTo(1);
  }

  @Test
  void createWithoutLocationsCoversAllAndListsThemEmpty() {
    String id = create(body("2026-03-01", null));
    JsonObject fetched = get(id);
    assertThat(fetched.getJsonArray("locations")).isEmpty();
    assertThat(fetched.containsKey("effectiveUntil")).isFalse();
    assertThat(fetched.getString("status")).isEqualTo("in-force");
  }

  @Test
  void createKeepsAClientGivenIdAndIgnoresReadOnlyProperties() {
    String id = "3b6f2c1e-8d4a-4f2b-9c1e-5a7d2e9f0b41";
    JsonObject body = body("2026-03-01", "2026-05-31", "main-desk")
        .put("id", id)
        .put("status", "ended")
        .put("reviewDue", true)
        .put("metadata", new JsonObject().put("createdDate", "2020-01-01T00:00:00Z")
            .put("createdByUserId", OTHER_USER.toString()));
    Response response = post(body);
    response.then().statusCode(201)
        .body("id", equalTo(id))
        .body("status", equalTo("in-force"))
        .body("reviewDue", equalTo(false))
        .body("metadata.createdByUserId", equalTo(USER.toString()))
        .body("metadata.createdDate", equalTo("2026-03-02T10:00:00.000Z"));
    assertThat(response.header("Location")).isEqualTo(PATH + "/" + id);
    assertThat(get(id).getJsonObject("metadata").getString("createdByUserId")).isEqualTo(USER.toString());
  }

  @Test
  void createWithAnExistingIdIsAConflictAndChangesNothing() throws SQLException {
    String id = create(body("2026-03-01", "2026-03-31", "main-desk"));
    String before = stored();
    Response response = post(body("2027-01-01", "2027-01-31", "elsewhere").put("id", id));
    response.then().statusCode(409).contentType(startsWith("text/plain"));
    assertThat(stored()).isEqualTo(before);
    assertThat(total()).isEqualTo(1);
  }

  // --- list ---

  @Test
  void listReportsTotalRecordsAndPages() {
    String march = create(body("2026-03-01", "2026-03-31", "a"));
    String january = create(body("2026-01-01", "2026-01-31", "b"));
    String february = create(body("2026-02-01", "2026-02-28", "c"));

    Response all = api().get(PATH);
    all.then().statusCode(200).contentType(startsWith("application/json")).body("totalRecords", equalTo(3));
    assertThat(all.jsonPath().getList("mandates.id")).containsExactlyInAnyOrder(march, january, february);
    assertThat(all.jsonPath().getList("mandates.status")).containsOnly("in-force", "ended");

    api().get(PATH + "?limit=2").then().statusCode(200)
        .body("totalRecords", equalTo(3)).body("mandates.size()", equalTo(2));
    api().get(PATH + "?offset=2&limit=2").then().statusCode(200)
        .body("totalRecords", equalTo(3)).body("mandates.size()", equalTo(1));
    api().get(PATH + "?offset=10").then().statusCode(200)
        .body("totalRecords", equalTo(3)).body("mandates.size()", equalTo(0));
  }

  @Test
  void listIsOrderedOldestEffectiveFromFirstAsTheContractSays() {
    String march = create(body("2026-03-01", "2026-03-31", "a"));
    String january = create(body("2026-01-01", "2026-01-31", "b"));
    String february = create(body("2026-02-01", "2026-02-28", "c"));

    assertThat(api().get(PATH).jsonPath().getList("mandates.id")).containsExactly(january, february, march);
    assertThat(api().get(PATH + "?offset=1&limit=1").jsonPath().getList("mandates.id")).containsExactly(february);
  }

  @Test
  void limitZeroGivesOnlyTheCount() {
    create(body("2026-03-01", "2026-03-31", "a"));
    create(body("2026-03-01", "2026-03-31", "b"));
    api().get(PATH + "?limit=0").then().statusCode(200)
        .body("totalRecords", equalTo(2)).body("mandates.size()", equalTo(0));
  }

  @Test
  void emptyListHasTotalZero() {
    api().get(PATH).then().statusCode(200).body("totalRecords", equalTo(0)).body("mandates.size()", equalTo(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=2147483648", "limit=-1", "limit=abc", "offset=-1", "offset=x", "location=main%20desk",
      "location=a%27b"})
  void malformedListParametersAreA400(String query) {
    api().get(PATH + "?" + query).then().statusCode(400).contentType(startsWith("text/plain"));
  }

  @Test
  void limitOfExactly1000IsAllowed() {
    api().get(PATH + "?limit=1000").then().statusCode(200);
    // Stripes fills dropdowns with limit=2000; mandates take up to 5000 per page, more is clamped
    api().get(PATH + "?limit=2000").then().statusCode(200).body("resultInfo.diagnostics.size()", equalTo(0));
    api().get(PATH + "?limit=5001").then().statusCode(200)
        .body("resultInfo.diagnostics[0].code", equalTo("limit_clamped"));
  }

  @Test
  void listFiltersByLocationIncludingAllLocationMandates() {
    String main = create(body("2026-03-01", "2026-03-31", "main-desk"));
    String north = create(body("2026-03-01", "2026-03-31", "branch-north"));
    String everywhere = create(body("2026-04-01", null));

    Response mainDesk = api().get(PATH + "?location=main-desk");
    mainDesk.then().statusCode(200).body("totalRecords", equalTo(2));
    assertThat(mainDesk.jsonPath().getList("mandates.id")).containsExactlyInAnyOrder(main, everywhere);

    Response branch = api().get(PATH + "?location=branch-north");
    assertThat(branch.jsonPath().getList("mandates.id")).containsExactlyInAnyOrder(north, everywhere);

    Response other = api().get(PATH + "?location=branch-south");
    other.then().body("totalRecords", equalTo(1));
    assertThat(other.jsonPath().getList("mandates.id")).containsExactly(everywhere);

    api().get(PATH + "?location=main-desk&limit=0").then().body("totalRecords", equalTo(2));
  }

  // --- update ---

  @Test
  void putReplacesAndRecordsWhoChangedIt() {
    String id = create(body("2026-03-01", null, "main-desk"));
    module.clock().set(Instant.parse("2026-03-05T08:30:00Z"));

    JsonObject change = body("2026-03-01", "2026-04-30", "main-desk", "branch-north")
        .put("reference", "Public Health Order 2026-09 (amended)")
        .put("retentionDays", 14)
        .put("collectedFields", new JsonArray().add("phone"));
    Response response = as(OTHER_USER).body(change.encode()).put(PATH + "/" + id);
    response.then().statusCode(204);
    assertThat(response.asString()).isEmpty();

    JsonObject fetched = get(id);
    assertThat(fetched.getString("reference")).isEqualTo("Public Health Order 2026-09 (amended)");
    assertThat(fetched.getString("effectiveUntil")).isEqualTo("2026-04-30");
    assertThat(fetched.getInteger("retentionDays")).isEqualTo(14);
    assertThat(fetched.getJsonArray("collectedFields")).containsExactly("phone");
    assertThat(fetched.getJsonArray("locations")).containsExactly("main-desk", "branch-north");
    JsonObject metadata = fetched.getJsonObject("metadata");
    assertThat(metadata.getString("createdDate")).isEqualTo("2026-03-02T10:00:00.000Z");
    assertThat(metadata.getString("createdByUserId")).isEqualTo(USER.toString());
    assertThat(metadata.getString("updatedDate")).isEqualTo("2026-03-05T08:30:00.000Z");
    assertThat(metadata.getString("updatedByUserId")).isEqualTo(OTHER_USER.toString());
    assertThat(total()).isEqualTo(1);
  }

  @Test
  void putOfTheFetchedBodyWithReadOnlyPropertiesWorksAndIgnoresThem() {
    String id = create(body("2026-03-01", null, "main-desk"));
    JsonObject fetched = get(id);
    // status and reviewDue that would differ from the stored mandate are refused (issue 14): RecordsRoundTripTest
    fetched.put("effectiveUntil", "2026-03-20");
    fetched.getJsonObject("metadata").put("createdByUserId", OTHER_USER.toString())
        .put("createdDate", "2020-01-01T00:00:00.000Z");
    put(id, fetched).then().statusCode(204);

    JsonObject after = get(id);
    assertThat(after.getString("effectiveUntil")).isEqualTo("2026-03-20");
    assertThat(after.getString("status")).isEqualTo("in-force");
    assertThat(after.getBoolean("reviewDue")).isFalse();
    assertThat(after.getJsonObject("metadata").getString("createdByUserId")).isEqualTo(USER.toString());
    assertThat(after.getJsonObject("metadata").getString("createdDate")).isEqualTo("2026-03-02T10:00:00.000Z");
  }

  @Test
  void putWithADifferentIdInTheBodyIsRefused() throws SQLException {
    String id = create(body("2026-03-01", null, "main-desk"));
    String before = stored();
    assertError(put(id, body("2026-03-01", "2026-03-10", "main-desk").put("id", UUID.randomUUID().toString())),
        "read_only_field", "id");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void putOfAnUnknownIdIsA404AndCreatesNothing() throws SQLException {
    String unknown = UUID.randomUUID().toString();
    put(unknown, body("2026-03-01", null, "main-desk")).then().statusCode(404)
        .contentType(startsWith("text/plain"));
    assertThat(total()).isZero();
    assertThat(stored()).isEmpty();
  }

  static Stream<Arguments> refusedChanges() {
    return Stream.of(
        Arguments.of("authority.type", (Consumer<JsonObject>) b -> b.getJsonObject("authority").put("type", "sheriff"),
            "invalid_value"),
        Arguments.of("retentionDays", (Consumer<JsonObject>) b -> b.put("retentionDays", 0), "invalid_value"),
        Arguments.of("patronId", (Consumer<JsonObject>) b -> b.put("patronId", "p-123"), "unknown_property"),
        Arguments.of("effectiveUntil", (Consumer<JsonObject>) b -> b.put("effectiveUntil", "2026-02-01"),
            "invalid_period"),
        Arguments.of("collectedFields", (Consumer<JsonObject>) b -> b.put("collectedFields",
            new JsonArray().add("partySize")), "no_identifying_field"),
        Arguments.of("reviewBy", (Consumer<JsonObject>) b -> b.remove("reviewBy"), "field_required"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("refusedChanges")
  void refusedPutLeavesTheMandateAsItWas(String field, Consumer<JsonObject> breakIt, String code)
      throws SQLException {
    String id = create(body("2026-03-01", null, "main-desk"));
    JsonObject before = get(id);
    String storedBefore = stored();
    JsonObject change = body("2026-03-01", "2026-03-31", "main-desk");
    breakIt.accept(change);
    assertError(put(id, change), code, field);
    assertThat(stored()).isEqualTo(storedBefore);
    assertThat(get(id)).isEqualTo(before);
  }

  // --- delete ---

  @Test
  void deleteAnswers204AndThenTheMandateIsGone() {
    String id = create(body("2026-03-01", null, "main-desk"));
    String other = create(body("2026-03-01", null, "branch-north"));
    api().delete(PATH + "/" + id).then().statusCode(204);

    api().get(PATH + "/" + id).then().statusCode(404).contentType(startsWith("text/plain"));
    api().delete(PATH + "/" + id).then().statusCode(404).contentType(startsWith("text/plain"));
    assertThat(total()).isEqualTo(1);
    get(other);
  }

  @Test
  void deletingAMandateThatEntriesDependOnIsAConflict() throws SQLException {
    JsonObject mandate = body("2026-03-01", null, "main-desk").put("collectedFields", new JsonArray().add("name"));
    String id = create(mandate);
    Response entry = module.as(TENANT, USER)
        .body(new JsonObject().put("location", "main-desk").put("name", "Ada Lovelace").encode())
        .post("/contact-tracing/contact-logs");
    assertThat(entry.statusCode()).as(entry.asString()).isEqualTo(201);
    assertThat(entry.jsonPath().getString("mandateId")).isEqualTo(id);
    String before = stored();

    Response refused = api().delete(PATH + "/" + id);
    refused.then().statusCode(409).contentType(startsWith("text/plain"));
    assertThat(refused.asString()).isNotBlank().doesNotContain("Ada").doesNotContain("Lovelace");

    assertThat(stored()).isEqualTo(before);
    assertThat(total()).isEqualTo(1);
    assertThat(ModuleUnderTest.count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isEqualTo(1);
    assertThat(get(id).getString("status")).isEqualTo("in-force");

    // the way out the spec names: end it by setting effectiveUntil
    put(id, mandate.copy().put("effectiveUntil", "2026-03-02")).then().statusCode(204);
    module.clock().set(Instant.parse("2026-03-03T00:00:00Z"));
    assertThat(get(id).getString("status")).isEqualTo("ended");
  }

  // --- ids ---

  @ParameterizedTest
  @ValueSource(strings = {"12345", "not-a-uuid", "00000000-0000-0000-0000-000000000000",
      "3b6f2c1e-8d4a-4f2b-cc1e-5a7d2e9f0b41", "3b6f2c1e8d4a4f2b9c1e5a7d2e9f0b41"})
  void malformedIdInThePathIsA400(String id) throws SQLException {
    create(body("2026-03-01", null, "main-desk"));
    String before = stored();
    api().get(PATH + "/" + id).then().statusCode(400).contentType(startsWith("text/plain"));
    put(id, body("2026-03-01", "2026-03-05", "main-desk")).then().statusCode(400)
        .contentType(startsWith("text/plain"));
    api().delete(PATH + "/" + id).then().statusCode(400).contentType(startsWith("text/plain"));
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void unknownIdIsA404TextPlain() {
    String unknown = UUID.randomUUID().toString();
    api().get(PATH + "/" + unknown).then().statusCode(404).contentType(startsWith("text/plain"));
    api().delete(PATH + "/" + unknown).then().statusCode(404).contentType(startsWith("text/plain"));
  }

  // --- refusals on create ---

  static Stream<Arguments> refusedCreations() {
    return Stream.of(
        refusal("authority type not in the enum", b -> b.getJsonObject("authority").put("type", "police-department"),
            "invalid_value", "authority.type", "police-department"),
        refusal("authority name missing", b -> b.getJsonObject("authority").remove("name"),
            "field_required", "authority.name", null),
        refusal("authority missing", b -> b.remove("authority"), "field_required", "authority", null),
        refusal("unknown property in authority", b -> b.getJsonObject("authority").put("phone", "555-0199"),
            "unknown_property", "authority.phone", "555-0199"),
        refusal("reviewBy missing", b -> b.remove("reviewBy"), "field_required", "reviewBy", null),
        refusal("reference empty", b -> b.put("reference", ""), "invalid_value", "reference", null),
        refusal("effectiveFrom missing", b -> b.remove("effectiveFrom"), "field_required", "effectiveFrom", null),
        refusal("effectiveFrom not a date", b -> b.put("effectiveFrom", "next tuesday"),
            "invalid_value", "effectiveFrom", "next tuesday"),
        refusal("effectiveFrom impossible date", b -> b.put("effectiveFrom", "2026-02-30"),
            "invalid_value", "effectiveFrom", "2026-02-30"),
        refusal("collectedFields without an identifying field", b -> b.put("collectedFields",
            new JsonArray().add("partySize")), "no_identifying_field", "collectedFields", null),
        refusal("collectedFields with an unknown field", b -> b.put("collectedFields",
            new JsonArray().add("name").add("socialSecurityNumber")), "invalid_value", "collectedFields[1]",
            "socialSecurityNumber"),
        refusal("collectedFields missing", b -> b.remove("collectedFields"), "field_required", "collectedFields",
            null),
        refusal("retentionDays 0", b -> b.put("retentionDays", 0), "invalid_value", "retentionDays", null),
        refusal("retentionDays -1", b -> b.put("retentionDays", -1), "invalid_value", "retentionDays", null),
        refusal("retentionDays 367", b -> b.put("retentionDays", 367), "invalid_value", "retentionDays", "367"),
        refusal("retentionDays absent", b -> b.remove("retentionDays"), "field_required", "retentionDays", null),
        refusal("retentionDays null", b -> b.putNull("retentionDays"), "field_required", "retentionDays", null),
        refusal("retentionDays forever", b -> b.put("retentionDays", "forever"), "invalid_type", "retentionDays",
            "forever"),
        refusal("retentionDays fractional", b -> b.put("retentionDays", 21.5), "invalid_type", "retentionDays",
            "21.5"),
        refusal("unknown property", b -> b.put("patronBarcode", "BC-31337"), "unknown_property", "patronBarcode",
            "BC-31337"),
        refusal("malformed location", b -> b.put("locations", new JsonArray().add("main desk; drop")),
            "invalid_value", "locations[0]", "main desk; drop"),
        refusal("effectiveUntil before effectiveFrom", b -> b.put("effectiveFrom", "2026-03-10")
            .put("effectiveUntil", "2026-03-09"), "invalid_period", "effectiveUntil", null));
  }

  private static Arguments refusal(String name, Consumer<JsonObject> breakIt, String code, String field,
      String secret) {
    return Arguments.of(name, breakIt, code, field, secret);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCreations")
  void refusedCreationIs422AndStoresNothing(String name, Consumer<JsonObject> breakIt, String code, String field,
      String secret) throws SQLException {
    create(body("2026-01-01", "2026-01-31", "baseline-desk"));
    int totalBefore = total();
    String before = stored();

    JsonObject body = body("2026-03-01", "2026-03-31", "main-desk");
    breakIt.accept(body);
    Response response = post(body);
    assertError(response, code, field);
    if (secret != null) {
      assertThat(response.asString()).as("errors never echo the submitted value").doesNotContain(secret);
    }

    assertThat(total()).isEqualTo(totalBefore);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void emptyCollectedFieldsIsRefused() throws SQLException {
    String before = stored();
    Response response = post(body("2026-03-01", "2026-03-31", "main-desk").put("collectedFields", new JsonArray()));
    response.then().statusCode(422);
    // the schema's minItems and the no_identifying_field rule both describe this; either names the field
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = response.jsonPath().getList("errors");
    assertThat(errors).anySatisfy(error -> {
      assertThat(error.get("code")).isIn("invalid_value", "no_identifying_field");
      assertThat(error.toString()).contains("key=collectedFields");
    });
    assertThat(total()).isZero();
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void retentionBoundariesOneAnd366AreAccepted() {
    create(body("2026-03-01", "2026-03-31", "a").put("retentionDays", 1));
    create(body("2026-03-01", "2026-03-31", "b").put("retentionDays", 366));
    assertThat(total()).isEqualTo(2);
  }

  @Test
  void everyAuthorityTypeOfTheSpecIsAccepted() {
    for (String type : List.of("law", "public-health-agency", "elected-official")) {
      JsonObject body = body("2026-03-01", "2026-03-31", "desk-" + type);
      body.getJsonObject("authority").put("type", type);
      assertThat(new JsonObject(post(body).then().statusCode(201).extract().asString())
          .getJsonObject("authority").getString("type")).isEqualTo(type);
    }
  }

  @Test
  void malformedJsonIsA400AndStoresNothing() throws SQLException {
    api().body("{\"authority\": ").post(PATH).then().statusCode(400).contentType(startsWith("text/plain"));
    api().body("[]").post(PATH).then().statusCode(400).contentType(startsWith("text/plain"));
    assertThat(stored()).isEmpty();
  }

  // --- overlaps ---

  @Test
  void overlappingPeriodAtTheSameLocationIsRefused() throws SQLException {
    create(body("2026-03-01", "2026-03-31", "main-desk"));
    String before = stored();
    assertErrorCode(post(body("2026-03-15", "2026-04-15", "main-desk")), "mandate_overlap");
    assertErrorCode(post(body("2026-02-01", "2026-03-01", "main-desk")), "mandate_overlap");
    assertErrorCode(post(body("2026-03-31", null, "main-desk")), "mandate_overlap");
    assertErrorCode(post(body("2026-03-10", "2026-03-11", "branch-north", "main-desk")), "mandate_overlap");
    assertThat(stored()).isEqualTo(before);
    assertThat(total()).isEqualTo(1);
  }

  @Test
  void allLocationsMandateOverlapsAnyLocation() throws SQLException {
    create(body("2026-03-01", "2026-03-31", "main-desk"));
    String before = stored();
    assertErrorCode(post(body("2026-03-20", null)), "mandate_overlap");
    assertThat(stored()).isEqualTo(before);

    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".mandate");
    create(body("2026-03-01", "2026-03-31"));
    String withAll = stored();
    assertErrorCode(post(body("2026-03-10", null, "branch-north")), "mandate_overlap");
    assertErrorCode(post(body("2026-03-10", null)), "mandate_overlap");
    assertThat(stored()).isEqualTo(withAll);
    assertThat(total()).isEqualTo(1);
  }

  @Test
  void openEndedMandateOverlapsLaterOnes() {
    create(body("2026-03-01", null, "main-desk"));
    assertErrorCode(post(body("2027-06-01", "2027-06-30", "main-desk")), "mandate_overlap");
    assertThat(total()).isEqualTo(1);
  }

  @Test
  void nonOverlappingLocationsOrPeriodsAreAccepted() {
    create(body("2026-03-01", "2026-03-31", "main-desk"));
    create(body("2026-03-01", "2026-03-31", "branch-north"));
    create(body("2026-04-01", "2026-04-30", "main-desk"));
    create(body("2026-02-01", "2026-02-28", "main-desk"));
    create(body("2026-05-01", null));
    assertThat(total()).isEqualTo(5);
  }

  @Test
  void putThatWouldOverlapAnotherMandateIsRefused() throws SQLException {
    create(body("2026-03-01", "2026-03-31", "main-desk"));
    String later = create(body("2026-04-01", "2026-04-30", "main-desk"));
    String north = create(body("2026-03-01", "2026-03-31", "branch-north"));
    String before = stored();
    assertErrorCode(put(later, body("2026-03-25", "2026-04-30", "main-desk")), "mandate_overlap");
    assertErrorCode(put(north, body("2026-03-01", "2026-03-31")), "mandate_overlap");
    assertErrorCode(put(north, body("2026-03-01", "2026-03-31", "branch-north", "main-desk")), "mandate_overlap");
    assertThat(stored()).isEqualTo(before);
    assertThat(get(later).getString("effectiveFrom")).isEqualTo("2026-04-01");
    assertThat(get(north).getJsonArray("locations")).containsExactly("branch-north");
  }

  @Test
  void endingAMandateMakesRoomForTheNextOne() {
    String open = create(body("2026-03-01", null, "main-desk"));
    assertErrorCode(post(body("2026-04-01", null, "main-desk")), "mandate_overlap");
    put(open, body("2026-03-01", "2026-03-31", "main-desk")).then().statusCode(204);
    create(body("2026-04-01", null, "main-desk"));
    assertThat(total()).isEqualTo(2);
  }

  // --- status and reviewDue, in the tenant's time zone ---

  @Test
  void statusFollowsTheClock() {
    String id = create(body("2026-03-05", "2026-03-10", "main-desk"));
    assertThat(get(id).getString("status")).isEqualTo("scheduled");
    module.clock().set(Instant.parse("2026-03-05T00:00:00Z"));
    assertThat(get(id).getString("status")).isEqualTo("in-force");
    module.clock().set(Instant.parse("2026-03-10T23:59:59Z"));
    assertThat(get(id).getString("status")).as("effectiveUntil is the last day").isEqualTo("in-force");
    module.clock().set(Instant.parse("2026-03-11T00:00:00Z"));
    assertThat(get(id).getString("status")).isEqualTo("ended");
    assertThat(api().get(PATH).jsonPath().getString("mandates[0].status")).isEqualTo("ended");
  }

  @Test
  void reviewDueFromReviewByOn() {
    String id = create(body("2026-03-01", null, "main-desk").put("reviewBy", "2026-03-04"));
    module.clock().set(Instant.parse("2026-03-03T23:59:59Z"));
    assertThat(get(id).getBoolean("reviewDue")).isFalse();
    module.clock().set(Instant.parse("2026-03-04T00:00:00Z"));
    assertThat(get(id).getBoolean("reviewDue")).isTrue();
    module.clock().set(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(get(id).getBoolean("reviewDue")).isTrue();
    assertThat(api().get(PATH).jsonPath().getBoolean("mandates[0].reviewDue")).isTrue();
  }

  @Test
  void statusAndReviewDueAreCountedInTheTenantsTimeZone() {
    // 2026-03-02T12:00Z is still 2 March in UTC but already 01:00 on 3 March in Auckland (UTC+13)
    module.clock().set(Instant.parse("2026-03-02T12:00:00Z"));
    String id = create(body("2026-03-03", "2026-03-10", "main-desk").put("reviewBy", "2026-03-03"));

    JsonObject utc = get(id);
    assertThat(utc.getString("status")).isEqualTo("scheduled");
    assertThat(utc.getBoolean("reviewDue")).isFalse();

    setTimeZone("Pacific/Auckland");
    JsonObject auckland = get(id);
    assertThat(auckland.getString("status")).isEqualTo("in-force");
    assertThat(auckland.getBoolean("reviewDue")).isTrue();
    assertThat(api().get(PATH).jsonPath().getString("mandates[0].status")).isEqualTo("in-force");

    setTimeZone("UTC");
    assertThat(get(id).getString("status")).isEqualTo("scheduled");
  }

  @Test
  void createAnswersStatusInTheTenantsTimeZone() {
    setTimeZone("Pacific/Auckland");
    module.clock().set(Instant.parse("2026-03-02T12:00:00Z"));
    post(body("2026-03-03", null, "main-desk")).then().statusCode(201).body("status", equalTo("in-force"));
  }

  @Test
  void effectiveUntilEndsTheMandateOnTheNextLocalDay() {
    setTimeZone("Pacific/Auckland");
    String id = create(body("2026-03-01", "2026-03-02", "main-desk"));
    // 23:59:59 on 2 March in Auckland
    module.clock().set(Instant.parse("2026-03-02T10:59:59Z"));
    assertThat(get(id).getString("status")).isEqualTo("in-force");
    // 00:00 on 3 March in Auckland, still 2 March in UTC
    module.clock().set(Instant.parse("2026-03-02T11:00:00Z"));
    assertThat(get(id).getString("status")).isEqualTo("ended");

    setTimeZone("UTC");
    assertThat(get(id).getString("status")).isEqualTo("in-force");
    module.clock().set(Instant.parse("2026-03-03T00:00:00Z"));
    assertThat(get(id).getString("status")).isEqualTo("ended");
  }
}
