package org.folio.contacttracing.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notice in the visitor's language: {@code lang}, {@code Accept-Language} and the library's own wording. */
class NoticeLanguageApiTest {
  private static final String TENANT = "noticelang";
  private static final String PATH = "/contact-tracing/notice";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final UUID USER = UUID.fromString("8d3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
  private static final String CITATION = "Library Records Confidentiality Act, 75 ILCS 70";
  private static final String AUTHORITY = "County Health Department";
  private static final String REFERENCE = "Public Health Order 2026-07";
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(NOW);
    module.install(TENANT);
    JsonObject mandate = new JsonObject()
        .put("authority", new JsonObject().put("type", "public-health-agency").put("name", AUTHORITY))
        .put("reference", REFERENCE)
        .put("effectiveFrom", "2026-03-01")
        .put("reviewBy", "2026-04-15")
        .put("collectedFields", new JsonArray().add("name").add("phone"))
        .put("retentionDays", 21)
        .put("locations", new JsonArray());
    Response response = module.as(TENANT, USER).body(mandate.encode()).post("/contact-tracing/mandates");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @BeforeEach
  void reset() {
    putSettings(new JsonObject().put("statute", new JsonObject().put("citation", CITATION)));
  }

  private static void putSettings(JsonObject settings) {
    Response response = module.as(TENANT, USER).body(settings.encode()).put("/contact-tracing/settings");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(204);
  }

  private static Response get(String query, String acceptLanguage, String accept) {
    var request = module.as(TENANT, USER);
    if (acceptLanguage != null) {
      request = request.header("Accept-Language", acceptLanguage);
    }
    if (accept != null) {
      request = request.header("Accept", accept);
    }
    return request.get(PATH + query);
  }

  private static JsonObject json(String query, String acceptLanguage, String expectedLanguage) {
    Response response = get(query, acceptLanguage, null);
    response.then().statusCode(200).contentType(startsWith("application/json"))
        .header("Content-Language", expectedLanguage);
    return new JsonObject(response.asString());
  }

  private static String html(String query, String acceptLanguage, String expectedLanguage) {
    Response response = get(query, acceptLanguage, "text/html");
    response.then().statusCode(200).contentType(startsWith("text/html"))
        .header("Content-Language", expectedLanguage);
    String html = response.asString();
    assertThat(html).contains("<html lang=\"" + expectedLanguage + "\">");
    return html;
  }

  @Test
  void acceptLanguageChoosesSpanishFrenchAndGerman() {
    assertThat(json("", "es", "es").getString("purpose")).startsWith("Sus datos de contacto");
    assertThat(json("", "fr-CA", "fr").getString("purpose")).startsWith("Vos coordonnées");
    JsonObject german = json("", "de-DE,de;q=0.9", "de");
    assertThat(german.getString("purpose")).startsWith("Ihre Kontaktdaten");
    assertThat(german.getString("sharing")).contains(CITATION).contains("Gesundheitsbehörden");

    String spanish = html("", "es-MX", "es");
    assertThat(spanish).contains("<title>Aviso sobre el registro de visitantes</title>")
        .contains("<h1>Registro de visitantes para el rastreo de contactos</h1>")
        .contains("<li>Su nombre</li>").contains("<li>Un número de teléfono</li>")
        .contains("<strong>" + AUTHORITY + "</strong> (" + REFERENCE + ")")
        .contains("<cite>" + CITATION + "</cite>")
        .contains("21 días");
    assertThat(html("", "fr", "fr")).contains("<h2>Votre choix</h2>").contains("<li>Votre nom</li>");
    assertThat(html("", "de", "de")).contains("<h2>Ihre Wahl</h2>").contains("21 Tage nach Ihrem Besuch");
  }

  @Test
  void langParameterChoosesAndWinsOverTheHeader() {
    assertThat(json("?lang=fr", "de", "fr").getString("purpose")).startsWith("Vos coordonnées");
    assertThat(json("?lang=es", null, "es").getString("purpose")).startsWith("Sus datos de contacto");
    assertThat(json("?lang=en", "de", "en").getString("purpose")).startsWith("Your contact details");
    assertThat(html("?lang=de", "es", "de")).contains("Besucherliste zur Kontaktnachverfolgung");
  }

  @Test
  void qValuesPickTheBestSupportedLanguage() {
    assertThat(json("", "fr;q=0.3, de;q=0.8, en;q=0.5", "de").getString("purpose")).startsWith("Ihre Kontaktdaten");
    assertThat(json("", "ja, es;q=0.4, fr;q=0.2", "es").getString("purpose")).startsWith("Sus datos");
    assertThat(json("", "de;q=0, fr;q=0.1", "fr").getString("purpose")).startsWith("Vos coordonnées");
  }

  @Test
  void unsupportedOrMalformedLanguagesFallBackToEnglish() {
    assertThat(json("", "ja", "en").getString("purpose")).startsWith("Your contact details");
    assertThat(json("", null, "en").getString("purpose")).startsWith("Your contact details");
    assertThat(json("", "es;q=banana", "en").getString("purpose")).startsWith("Your contact details");
    assertThat(html("", "ja-JP", "en")).contains("<h1>Visitor log for contact tracing</h1>");
  }

  @Test
  void unknownLangIsA400() {
    get("?lang=xx", null, null).then().statusCode(400).contentType(startsWith("text/plain"))
        .body(containsString("lang must be one of en, es, fr, de"));
    get("?lang=ES", null, "text/html").then().statusCode(400);
  }

  @Test
  void theLibrarysWordingWinsForItsLanguageOnlyAndIsEscaped() {
    String purpose = "Nur für <b>Gesundheitsamt</b> & \"Kreis\"";
    putSettings(new JsonObject().put("statute", new JsonObject().put("citation", CITATION))
        .put("noticeWording", new JsonObject()
            .put("de", new JsonObject().put("purpose", purpose))
            .put("es", new JsonObject().put("sharing", "Solo <i>Salud Pública</i>."))));

    JsonObject german = json("", "de", "de");
    assertThat(german.getString("purpose")).isEqualTo(purpose);
    assertThat(german.getString("sharing")).contains(CITATION).contains("Gesundheitsbehörden");
    JsonObject spanish = json("?lang=es", null, "es");
    assertThat(spanish.getString("purpose")).startsWith("Sus datos de contacto");
    assertThat(spanish.getString("sharing")).isEqualTo("Solo <i>Salud Pública</i>.");
    assertThat(json("", "fr", "fr").getString("purpose")).startsWith("Vos coordonnées");
    assertThat(json("", null, "en").getString("purpose")).startsWith("Your contact details");

    String page = html("", "de", "de");
    assertThat(page).contains("Nur für &lt;b&gt;Gesundheitsamt&lt;/b&gt; &amp; &quot;Kreis&quot;")
        .doesNotContain("<b>");
    assertThat(html("?lang=es", null, "es")).contains("Solo &lt;i&gt;Salud Pública&lt;/i&gt;.")
        .doesNotContain("<i>");

    JsonObject settings = new JsonObject(module.as(TENANT, USER).get("/contact-tracing/settings").asString());
    assertThat(settings.getJsonObject("noticeWording").getJsonObject("de").getString("purpose")).isEqualTo(purpose);
  }

  @Test
  void wordingOnlyInTheModulesLanguagesAndWithinBounds() {
    for (JsonObject wording : new JsonObject[] {
        new JsonObject().put("ja", new JsonObject().put("purpose", "x")),
        new JsonObject().put("de", new JsonObject().put("purpose", "")),
        new JsonObject().put("de", new JsonObject().put("purpose", "x".repeat(1001))),
        new JsonObject().put("de", new JsonObject().put("title", "x"))}) {
      Response response = module.as(TENANT, USER).body(new JsonObject().put("noticeWording", wording).encode())
          .put("/contact-tracing/settings");
      assertThat(response.statusCode()).as(wording.encode()).isEqualTo(422);
    }
  }
}
