package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant schema cannot be joined with circulation, and tenants cannot see each other. */
class StorageIsolationTest {
  private static final String A = "isolationa";
  private static final String B = "isolationb";
  private static final UUID STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start();
    module.install(A);
    module.install(B);
  }

  @AfterAll
  static void stop() {
    module.purge(A);
    module.purge(B);
    module.close();
  }

  private static List<String> query(String sql) throws Exception {
    List<String> result = new ArrayList<>();
    try (Connection conn = TestPostgres.connect(); ResultSet rs = conn.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        result.add(rs.getString(1));
      }
    }
    return result;
  }

  @Test
  void noColumnRefersToPatronsLoansItemsOrBarcodes() throws Exception {
    List<String> columns = query("SELECT table_name || '.' || column_name FROM information_schema.columns "
        + "WHERE table_schema = '" + A + "_mod_contact_tracing'");
    assertThat(columns).contains("contact_log.sealed", "mandate.id");
    assertThat(columns).noneMatch(c -> c.matches("(?i).*(patron|loan|item|barcode|borrow|circulation|"
        + "requester|holding|instance).*"));
    // staff user ids exist only for accountability (who configured, who reviewed a mandate with the authority,
    // who asked, who decided, who accessed, which system user fired a purge),
    // never in a table that holds visitor data
    assertThat(columns.stream().filter(c -> c.matches("(?i).*user.*")).toList())
        .isNotEmpty()
        .allMatch(c -> c.matches("(mandate|settings)\\.(created|updated)_by_user_id")
            || c.equals("mandate_review.created_by_user_id")
            || c.equals("audit_event.user_id")
            || c.matches("disclosure\\.(requested|decided|last_released)_by_user_id")
            || c.equals("disclosure_release.released_by_user_id")
            || c.matches("paper_log\\.(registered|shredded|witnessed)_by_user_id")
            // the system user that fired a purge run under Eureka (mod-scheduler), never a visitor's or the desk's
            || c.equals("retention_run.fired_by_user_id"));
    // the register of paper logs describes sheets, never the visitors written on them
    assertThat(columns).contains("paper_log.stored_at");
    assertThat(columns.stream().filter(c -> c.startsWith("paper_log.")).toList())
        .noneMatch(c -> c.matches("(?i).*(name|phone|email|party|visitor|contact|note).*"));
    assertThat(columns.stream().filter(c -> c.startsWith("contact_log.") || c.startsWith("decline_count.")))
        .noneMatch(c -> c.matches("(?i).*(user|staff|by_).*"));
    // no exact time of recording beside a visit: only the coarse slot
    assertThat(columns.stream().filter(c -> c.startsWith("contact_log.")).toList())
        .noneMatch(c -> c.matches(".*(created|updated|_date|_at)$"));
  }

  @Test
  void noForeignKeyLeavesTheSchemaAndEntriesHaveRandomUuidKeys() throws Exception {
    String schema = A + "_mod_contact_tracing";
    List<String> foreignTargets = query("SELECT ccu.table_schema FROM information_schema.table_constraints tc "
        + "JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name "
        + "AND tc.constraint_schema = ccu.constraint_schema "
        + "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = '" + schema + "'");
    assertThat(foreignTargets).isNotEmpty().allMatch(schema::equals);
    assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_schema = '" + schema
        + "' AND table_name = 'contact_log' AND column_name = 'id'")).containsExactly("uuid");
    assertThat(query("SELECT count(*) FROM information_schema.sequences WHERE sequence_schema = '" + schema + "'"))
        .containsExactly("0");
  }

  @Test
  void tenantsSeeNothingOfEachOther() {
    String mandate = module.as(A, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 10).encode())
        .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
    String entry = module.as(A, STAFF).body("{\"location\":\"desk\",\"name\":\"Grace Hopper\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
    module.as(A, STAFF).body("{\"location\":\"desk\"}").post("/contact-tracing/declines").then().statusCode(201);
    module.as(A, STAFF).body("{\"timeZone\":\"Europe/Berlin\"}").put("/contact-tracing/settings").then().statusCode(204);

    module.as(B, STAFF).get("/contact-tracing/mandates").then().statusCode(200).body("totalRecords", equalTo(0));
    module.as(B, STAFF).get("/contact-tracing/mandates/" + mandate).then().statusCode(404);
    module.as(B, STAFF).get("/contact-tracing/contact-logs").then().statusCode(200).body("totalRecords", equalTo(0));
    module.as(B, STAFF).get("/contact-tracing/contact-logs/" + entry).then().statusCode(404);
    module.as(B, STAFF).delete("/contact-tracing/contact-logs/" + entry).then().statusCode(404);
    module.as(B, STAFF).get("/contact-tracing/visit-counts").then().statusCode(200).body("totalRecords", equalTo(0));
    module.as(B, STAFF).get("/contact-tracing/settings").then().body("timeZone", equalTo("UTC"));
    module.as(B, STAFF).get("/contact-tracing/notice").then().body("loggingActive", equalTo(false));
    // B cannot log under A's mandate
    module.as(B, STAFF).body("{\"location\":\"desk\",\"name\":\"X\"}").post("/contact-tracing/contact-logs")
        .then().statusCode(422).body("errors[0].code", equalTo("no_mandate_in_force"));
    module.as(A, STAFF).get("/contact-tracing/contact-logs/" + entry).then().statusCode(200);
  }

  @Test
  void aTenantWithoutTheModuleGetsAClear400() {
    module.as("notinstalled", STAFF).get("/contact-tracing/settings").then().statusCode(400)
        .body(equalTo("mod-contact-tracing is not enabled for this tenant"));
    module.as("notinstalled", STAFF).body("{\"location\":\"desk\",\"name\":\"X\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(400);
  }
}
