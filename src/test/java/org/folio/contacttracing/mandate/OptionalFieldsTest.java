package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An order asking for "a name and a phone number or an email address": the mandate requires the name, and one of
 * phone and email; the party size it only allows. Mandates without these rules require every field they collect.
 */
class OptionalFieldsTest {
  private static final String TENANT = "optionalfields";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-03-02T10:07:00Z");
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    module.as(TENANT, STAFF).body(namePhoneOrEmail("main-desk").encode())
        .post("/contact-tracing/mandates").then().statusCode(201)
        .body("optionalFields", equalTo(List.of("partySize")))
        .body("requireOneOf", equalTo(List.of(List.of("phone", "email"))));
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 21, "old-desk").encode())
        .post("/contact-tracing/mandates").then().statusCode(201)
        .body("optionalFields", equalTo(List.of()))
        .body("requireOneOf", equalTo(List.of()));
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private static JsonObject namePhoneOrEmail(String location) {
    return Mandates.mandate("2026-03-01", List.of("name", "phone", "email", "partySize"), 21, location)
        .put("optionalFields", new JsonArray().add("partySize"))
        .put("requireOneOf", new JsonArray().add(new JsonArray().add("phone").add("email")));
  }

  private static io.restassured.response.Response visit(String location, String... fields) {
    JsonObject body = new JsonObject().put("location", location);
    for (String field : fields) {
      switch (field) {
        case "name" -> body.put("name", "Ada Lovelace");
        case "phone" -> body.put("phone", "+1 555 0100");
        case "email" -> body.put("email", "ada@example.org");
        default -> body.put("partySize", 2);
      }
    }
    return module.as(TENANT, STAFF).body(body.encode()).post("/contact-tracing/contact-logs");
  }

  @Test
  void aNameAndAPhoneOrAnEmailAreEnough() {
    visit("main-desk", "name", "phone").then().statusCode(201);
    visit("main-desk", "name", "email").then().statusCode(201);
    visit("main-desk", "name", "phone", "email", "partySize").then().statusCode(201);
  }

  @Test
  void theDesksReceiptNamesTheFieldsTheVisitorGaveNotThoseTheMandateAllows() {
    String id = visit("main-desk", "name", "email").then().statusCode(201)
        .body("recordedFields", org.hamcrest.Matchers.contains("name", "email")).extract().path("id");
    // as the front desk reads it: no user, no value
    io.restassured.response.Response receipt = module.tenant(TENANT).get("/contact-tracing/contact-logs/" + id
        + "/receipt");
    receipt.then().statusCode(200).body("recordedFields", org.hamcrest.Matchers.containsInAnyOrder("name", "email"));
    org.assertj.core.api.Assertions.assertThat(receipt.asString()).doesNotContain("Ada").doesNotContain("example.org")
        .doesNotContain("phone").doesNotContain("partySize");
  }

  @Test
  void aNameAloneIsNoWayToReachSomeone() {
    visit("main-desk", "name").then().statusCode(422)
        .body("errors[0].code", equalTo("one_of_required"))
        .body("errors[0].parameters.key", equalTo(List.of("phone", "email")))
        .body("errors[0].message", equalTo("At least one of phone, email is required by the mandate in force"));
    visit("main-desk", "name", "partySize").then().statusCode(422)
        .body("errors[0].code", equalTo("one_of_required"));
  }

  @Test
  void theNameIsStillRequired() {
    visit("main-desk", "phone", "email").then().statusCode(422)
        .body("errors[0].code", equalTo("field_required"))
        .body("errors[0].parameters[0].key", equalTo("name"));
  }

  @Test
  void anOldMandateStillRequiresEveryFieldItCollects() {
    visit("old-desk", "name").then().statusCode(422)
        .body("errors[0].code", equalTo("field_required")).body("errors[0].parameters[0].key", equalTo("phone"));
    visit("old-desk", "name", "email").then().statusCode(422)
        .body("errors[0].code", equalTo("field_not_mandated"));
    visit("old-desk", "name", "phone").then().statusCode(201);
  }

  @Test
  void inconsistentDefinitionsAreRefusedNamingTheField() {
    refused(Mandates.mandate("2027-01-01", List.of("name", "phone"), 21, "x1")
            .put("optionalFields", new JsonArray().add("email")),
        "field_not_collected", List.of("optionalFields", "email"));
    refused(Mandates.mandate("2027-01-01", List.of("name", "phone"), 21, "x1")
            .put("requireOneOf", new JsonArray().add(new JsonArray().add("phone").add("email"))),
        "field_not_collected", List.of("requireOneOf", "email"));
    refused(namePhoneOrEmail("x1").put("optionalFields", new JsonArray().add("phone")),
        "field_optional_and_one_of", List.of("requireOneOf", "phone"));
    refused(Mandates.mandate("2027-01-01", List.of("name", "phone", "email"), 21, "x1")
            .put("optionalFields", new JsonArray().add("phone").add("email")),
        "no_contact_guaranteed", List.of("optionalFields"));
    // a group with the name in it would admit a name alone
    refused(Mandates.mandate("2027-01-01", List.of("name", "phone"), 21, "x1")
            .put("requireOneOf", new JsonArray().add(new JsonArray().add("name").add("phone"))),
        "no_contact_guaranteed", List.of("optionalFields"));
    refused(Mandates.mandate("2027-01-01", List.of("name", "partySize"), 21, "x1")
            .put("optionalFields", new JsonArray().add("name")),
        "no_contact_guaranteed", List.of("optionalFields"));
    // a group of one is no choice
    module.as(TENANT, STAFF).body(Mandates.mandate("2027-01-01", List.of("name", "phone"), 21, "x1")
            .put("requireOneOf", new JsonArray().add(new JsonArray().add("phone"))).encode())
        .post("/contact-tracing/mandates").then().statusCode(422);
    // a required phone with an optional email is fine
    module.as(TENANT, STAFF).body(Mandates.mandate("2027-01-01", List.of("name", "phone", "email"), 21, "x2")
            .put("optionalFields", new JsonArray().add("email").add("name")).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  private static void refused(JsonObject mandate, String code, List<String> parameters) {
    module.as(TENANT, STAFF).body(mandate.encode()).post("/contact-tracing/mandates").then().statusCode(422)
        .body("errors[0].code", equalTo(code))
        .body("errors[0].parameters.key", equalTo(parameters));
  }

  @Test
  void theNoticeSaysWhatIsRequiredAndWhatIsNot() {
    module.as(TENANT, STAFF).queryParam("location", "main-desk").get("/contact-tracing/notice").then()
        .statusCode(200)
        .body("requiredFields", equalTo(List.of("name")))
        .body("optionalFields", equalTo(List.of("partySize")))
        .body("requireOneOf", equalTo(List.of(List.of("phone", "email"))));
    module.as(TENANT, STAFF).queryParam("location", "main-desk").header("Accept", "text/html")
        .get("/contact-tracing/notice").then().statusCode(200)
        .body(containsString("<li>Your name (required)</li>"))
        .body(containsString("<li>a phone number or an email address (at least one of these is required)</li>"))
        .body(containsString("<li>How many people are with you (optional: you may leave it out)</li>"));
    module.as(TENANT, STAFF).queryParam("location", "old-desk").get("/contact-tracing/notice").then()
        .statusCode(200)
        .body("requiredFields", equalTo(List.of("name", "phone")))
        .body("optionalFields", equalTo(List.of()));
    module.as(TENANT, STAFF).queryParam("location", "old-desk").header("Accept", "text/html")
        .get("/contact-tracing/notice").then().statusCode(200)
        .body(containsString("<li>Your name</li>\n<li>A phone number</li>"));
  }

  /**
   * The memo path: a visit fills the memo, another instance (here: SQL) changes the rules, and the next visit
   * follows the database, both ways.
   */
  @Test
  void aRuleChangedByAnotherInstanceIsFollowedAtOnce() throws Exception {
    try {
      module.as(TENANT, STAFF).body(namePhoneOrEmail("memo-desk").encode())
          .post("/contact-tracing/mandates").then().statusCode(201);
      visit("memo-desk", "name", "email").then().statusCode(201);
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET require_one_of = '[]'"
          + " WHERE locations = '{memo-desk}'");
      // phone and email are required each now
      visit("memo-desk", "name", "email").then().statusCode(422)
          .body("errors[0].code", equalTo("field_required")).body("errors[0].parameters[0].key", equalTo("phone"));
      visit("memo-desk", "name", "phone", "email").then().statusCode(201);
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET optional_fields = '{email,partySize}'"
          + " WHERE locations = '{memo-desk}'");
      visit("memo-desk", "name", "phone").then().statusCode(201);
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET optional_fields = '{partySize}'"
          + " WHERE locations = '{memo-desk}'");
      visit("memo-desk", "name", "phone").then().statusCode(422)
          .body("errors[0].code", equalTo("field_required")).body("errors[0].parameters[0].key", equalTo("email"));
      ModuleUnderTest.execute("UPDATE " + SCHEMA + ".mandate SET optional_fields = '{partySize}',"
          + " require_one_of = '[[\"phone\", \"email\"]]' WHERE locations = '{memo-desk}'");
      visit("memo-desk", "name", "email").then().statusCode(201);
      assertThat(ModuleUnderTest.count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE location = 'memo-desk'"))
          .isEqualTo(4);
    } finally {
      ModuleUnderTest.execute("DELETE FROM " + SCHEMA + ".contact_log WHERE location = 'memo-desk'");
    }
  }

  @Test
  void makingAFieldRequiredLeavesStoredEntriesAsTheyWere() throws Exception {
    String id = visit("main-desk", "name", "email").then().statusCode(201).extract().path("id");
    String mandateId = module.as(TENANT, STAFF).queryParam("location", "main-desk")
        .get("/contact-tracing/mandates").then().statusCode(200).extract().path("mandates[0].id");
    module.as(TENANT, STAFF).body(namePhoneOrEmail("main-desk").put("id", mandateId)
            .put("requireOneOf", new JsonArray()).encode())
        .put("/contact-tracing/mandates/" + mandateId).then().statusCode(204);
    try {
      module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + id).then().statusCode(200)
          .body("email", equalTo("ada@example.org")).body("name", equalTo("Ada Lovelace"));
      visit("main-desk", "name", "email").then().statusCode(422).body("errors[0].code", equalTo("field_required"));
    } finally {
      module.as(TENANT, STAFF).body(namePhoneOrEmail("main-desk").put("id", mandateId).encode())
          .put("/contact-tracing/mandates/" + mandateId).then().statusCode(204);
    }
  }
}
