package org.folio.contacttracing.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "The log ... should only be shared with third parties as allowed under that statute. Libraries should consult
 * with their legal counsel."
 */
class ConfidentialityStatuteTest {
  private static final String TENANT = "statute";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
  private static final UUID LIBRARIAN = UUID.randomUUID();
  private static final UUID COUNSEL = UUID.randomUUID();
  private static final String SETTINGS = "/contact-tracing/settings";
  private static final String DISCLOSURES = "/contact-tracing/disclosures";
  private static final JsonObject STATUTE = new JsonObject()
      .put("citation", "State Library Records Confidentiality Act, ch. 75 s. 70")
      .put("url", "https://legislature.example.gov/statutes/ch75/s70?view=full&lang=en");
  private static final JsonObject COUNSEL_OFFICE = new JsonObject()
      .put("office", "Office of the City Attorney, Library Services Division")
      .put("phone", "+1 555 0142")
      .put("email", "library-counsel@city.example.gov");
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    module.as(TENANT, LIBRARIAN).body(Mandates.mandate("2026-05-01", List.of("name", "phone"), 14).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void clean() throws SQLException {
    module.clock().set(NOW);
    putSettings(new JsonObject()).then().statusCode(204);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".disclosure");
  }

  private static Response putSettings(JsonObject settings) {
    return module.as(TENANT, LIBRARIAN).body(settings.encode()).put(SETTINGS);
  }

  private static JsonObject settings() {
    return new JsonObject(module.as(TENANT, LIBRARIAN).get(SETTINGS).then().statusCode(200).extract().asString());
  }

  private static JsonObject request(String recipientType) {
    return new JsonObject()
        .put("recipient", new JsonObject().put("type", recipientType).put("name", "County Health Department"))
        .put("legalBasis", "Public Health Act s. 12")
        .put("caseReference", "OUTBREAK-2026-044")
        .put("from", "2026-05-04T09:00:00Z").put("to", "2026-05-04T11:00:00Z");
  }

  private static Response post(JsonObject body) {
    return module.as(TENANT, LIBRARIAN).body(body.encode()).post(DISCLOSURES);
  }

  private static void assertRefusedNaming(Response response, String code, String field) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
    JsonPath errors = response.jsonPath();
    assertThat(errors.getString("errors[0].code")).isEqualTo(code);
    assertThat(errors.getString("errors[0].parameters[0].key")).isEqualTo(field);
  }

  @Test
  void settingsNameTheStatuteAndTheCounselsOfficeAndPutReplacesThem() {
    assertThat(settings().fieldNames()).doesNotContain("statute", "legalCounsel");

    putSettings(new JsonObject().put("timeZone", "America/Chicago").put("statute", STATUTE)
        .put("legalCounsel", COUNSEL_OFFICE)).then().statusCode(204);
    JsonObject stored = settings();
    assertThat(stored.getJsonObject("statute")).isEqualTo(STATUTE);
    assertThat(stored.getJsonObject("legalCounsel")).isEqualTo(COUNSEL_OFFICE);

    // a statute without a link, and an office without phone or email, are enough
    JsonObject citationOnly = new JsonObject().put("citation", STATUTE.getString("citation"));
    JsonObject officeOnly = new JsonObject().put("office", "Library Board counsel");
    putSettings(new JsonObject().put("statute", citationOnly).put("legalCounsel", officeOnly)).then().statusCode(204);
    assertThat(settings().getJsonObject("statute")).isEqualTo(citationOnly);
    assertThat(settings().getJsonObject("legalCounsel")).isEqualTo(officeOnly);

    // PUT replaces all: what is absent is no longer set
    putSettings(new JsonObject().put("timeZone", "America/Chicago")).then().statusCode(204);
    assertThat(settings().fieldNames()).doesNotContain("statute", "legalCounsel");
    assertThat(settings().getString("timeZone")).isEqualTo("America/Chicago");
  }

  @Test
  void aLinkThatIsNotAPlainHttpsAddressIsRefusedAndNothingIsStored() throws SQLException {
    putSettings(new JsonObject().put("statute", STATUTE).put("legalCounsel", COUNSEL_OFFICE)).then().statusCode(204);
    List<String> badLinks = List.of("http://legislature.example.gov/statutes", "javascript:alert(1)",
        "https://legislature.example.gov/statutes\n", "https://legislature.example.gov/a b",
        "https://legislature.example.gov/\"><script>alert(1)</script>", "https://", "ftp://example.gov/x",
        "https://" + "a".repeat(2000) + ".gov");
    for (String link : badLinks) {
      Response refused = putSettings(new JsonObject().put("timeZone", "Europe/Berlin")
          .put("statute", new JsonObject().put("citation", "Another Act").put("url", link)));
      assertRefusedNaming(refused, "invalid_value", "statute.url");
      assertThat(refused.asString()).as("the value is never echoed").doesNotContain("legislature", "script");
    }
    for (JsonObject bad : List.of(
        new JsonObject().put("statute", new JsonObject().put("url", STATUTE.getString("url"))),
        new JsonObject().put("statute", new JsonObject().put("citation", "")),
        new JsonObject().put("statute", new JsonObject().put("citation", "   ")),
        new JsonObject().put("statute", new JsonObject().put("citation", "x".repeat(501))),
        new JsonObject().put("legalCounsel", new JsonObject().put("phone", "+1 555 0142")),
        new JsonObject().put("legalCounsel", COUNSEL_OFFICE.copy().put("email", "not an address")),
        new JsonObject().put("legalCounsel", COUNSEL_OFFICE.copy().put("homePhone", "+1 555 0199")))) {
      Response refused = putSettings(bad);
      assertThat(refused.statusCode()).as(bad.encode() + " " + refused.asString()).isEqualTo(422);
    }
    JsonObject stored = settings();
    assertThat(stored.getJsonObject("statute")).isEqualTo(STATUTE);
    assertThat(stored.getJsonObject("legalCounsel")).isEqualTo(COUNSEL_OFFICE);
    assertThat(stored.getString("timeZone")).isEqualTo("UTC");
    assertThat(ModuleUnderTest.count("SELECT count(*) FROM " + SCHEMA + ".settings WHERE statute_url = '"
        + STATUTE.getString("url") + "'")).isEqualTo(1);
  }

  @Test
  void theNoticeCitesTheStatuteAndItsLinkAndThePageEscapesThem() {
    JsonObject withoutStatute = notice();
    assertThat(withoutStatute.fieldNames()).doesNotContain("statute");
    assertThat(withoutStatute.getString("sharing")).contains("as the state's library confidentiality law allows");

    JsonObject hostile = new JsonObject().put("citation", "Records Act <script>alert('x')</script> & \"s. 70\"")
        .put("url", "https://legislature.example.gov/s70?a=1&b='2'");
    putSettings(new JsonObject().put("statute", hostile)).then().statusCode(204);

    JsonObject notice = notice();
    assertThat(notice.getJsonObject("statute")).isEqualTo(hostile);
    assertThat(notice.getString("sharing")).contains("shared only with public-health officials")
        .contains("only as " + hostile.getString("citation") + " allows");

    String page = module.as(TENANT, LIBRARIAN).header("Accept", "text/html").get("/contact-tracing/notice")
        .then().statusCode(200).contentType(startsWith("text/html")).extract().asString();
    assertThat(page).contains("only as <cite>Records Act &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
            + "&quot;s. 70&quot;</cite> allows")
        .contains("<a href=\"https://legislature.example.gov/s70?a=1&amp;b=&#39;2&#39;\">")
        .doesNotContain("<script>", "'x'", "b='2'");
  }

  private static JsonObject notice() {
    return new JsonObject(module.as(TENANT, LIBRARIAN).get("/contact-tracing/notice").then().statusCode(200)
        .extract().asString());
  }

  @Test
  void whileAStatuteIsSetAPublicHealthRequestMustNameItsProvision() throws SQLException {
    // without a statute in the settings, requests as before
    post(request("public-health-agency")).then().statusCode(201);
    ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".disclosure");

    putSettings(new JsonObject().put("statute", STATUTE)).then().statusCode(204);
    String disclosureEvents = "SELECT count(*) FROM " + SCHEMA + ".audit_event WHERE action LIKE 'disclosure.%'";
    long eventsBefore = ModuleUnderTest.count(disclosureEvents);
    assertRefusedNaming(post(request("public-health-agency")), "field_required", "statuteProvision");
    assertRefusedNaming(post(request("public-health-agency").put("statuteProvision", " ")), "invalid_value",
        "statuteProvision");
    assertThat(ModuleUnderTest.count("SELECT count(*) FROM " + SCHEMA + ".disclosure")).isZero();
    assertThat(ModuleUnderTest.count(disclosureEvents)).isEqualTo(eventsBefore);
    // another recipient is refused whatever it names: it needs no provision to be refused
    post(request("law-enforcement")).then().statusCode(201);
  }

  @Test
  void theProvisionAndTheStatuteAsItWasAreStoredAndShownToTheSecondPerson() {
    putSettings(new JsonObject().put("statute", STATUTE).put("legalCounsel", COUNSEL_OFFICE)).then().statusCode(204);
    String provision = "s. 70(3)(b): disclosure to a public-health authority for contact tracing";
    Response requested = post(request("public-health-agency").put("statuteProvision", provision));
    requested.then().statusCode(201);
    String id = requested.jsonPath().getString("id");
    assertThat(requested.jsonPath().getString("statuteProvision")).isEqualTo(provision);

    // the library changes its settings before counsel decides: the request keeps what it was made under
    JsonObject amended = new JsonObject().put("citation", "State Library Records Confidentiality Act 2027");
    putSettings(new JsonObject().put("statute", amended)).then().statusCode(204);

    Response decided = module.as(TENANT, COUNSEL).body("{\"decision\":\"approve\",\"note\":\"allowed by s. 70(3)(b)\"}")
        .post(DISCLOSURES + "/" + id + "/decision");
    decided.then().statusCode(200);
    JsonObject decision = new JsonObject(decided.asString());
    assertThat(decision.getString("statuteProvision")).isEqualTo(provision);
    assertThat(decision.getJsonObject("statute")).isEqualTo(STATUTE);

    putSettings(new JsonObject()).then().statusCode(204);
    JsonObject item = new JsonObject(module.as(TENANT, LIBRARIAN).get(DISCLOSURES + "/" + id).then().statusCode(200)
        .extract().asString());
    assertThat(item.getString("status")).isEqualTo("approved");
    assertThat(item.getString("statuteProvision")).isEqualTo(provision);
    assertThat(item.getJsonObject("statute")).isEqualTo(STATUTE);
    JsonObject listed = new JsonObject(module.as(TENANT, LIBRARIAN).get(DISCLOSURES).then().statusCode(200)
        .extract().asString()).getJsonArray("disclosures").getJsonObject(0);
    assertThat(listed.getString("statuteProvision")).isEqualTo(provision);
    assertThat(listed.getJsonObject("statute")).isEqualTo(STATUTE);
    // counsel's office is for staff to reach, never part of a disclosure
    assertThat(item.encode()).doesNotContain(COUNSEL_OFFICE.getString("email"));
  }

  @Test
  void counselCanBeGivenTheDecisionAloneAndWhatIsNeededToSeeWhatIsDecided() throws Exception {
    JsonObject md = new JsonObject(Files.readString(Path.of("target", "ModuleDescriptor.json")));
    List<JsonObject> sets = md.getJsonArray("permissionSets").stream().map(JsonObject.class::cast).toList();
    JsonObject counsel = sets.stream()
        .filter(p -> p.getString("permissionName").equals("contact-tracing.disclosure-decisions.manage"))
        .findFirst().orElseThrow();
    assertThat(counsel.getBoolean("visible")).isTrue();
    assertThat(counsel.getString("displayName")).isEqualTo("Contact tracing: decide disclosures (counsel)");
    assertThat(counsel.getJsonArray("subPermissions").getList()).containsExactlyInAnyOrder(
        "contact-tracing.disclosure-decisions.item.post", "contact-tracing.disclosures.collection.get",
        "contact-tracing.disclosures.item.get");
    JsonObject all = sets.stream().filter(p -> p.getString("permissionName").equals("contact-tracing.all"))
        .findFirst().orElseThrow();
    assertThat(all.getJsonArray("subPermissions").getList())
        .contains("contact-tracing.disclosure-decisions.manage", "contact-tracing.disclosures.manage");
    // the set that requests and releases is unchanged
    JsonObject manage = sets.stream()
        .filter(p -> p.getString("permissionName").equals("contact-tracing.disclosures.manage"))
        .findFirst().orElseThrow();
    assertThat(manage.getJsonArray("subPermissions")).isEqualTo(new JsonArray(List.of(
        "contact-tracing.disclosures.item.post", "contact-tracing.disclosures.collection.get",
        "contact-tracing.disclosures.item.get", "contact-tracing.disclosure-decisions.item.post",
        "contact-tracing.disclosure-releases.item.post")));
  }
}
