package org.folio.contacttracing.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.DataFiles;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Destruction reaches the database files: a DBA who reads them after the next purge finds neither the ciphertext
 * of an entry staff deleted nor the wrapped bytes of a destroyed data key (the WAL aside: see
 * PERSONAL_DATA_DISCLOSURE.md).
 */
class PhysicalDestructionTest {
  private static final String TENANT = "physical";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID OFFICER = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:00:00Z"));
    module.install(TENANT);
    module.as(TENANT, OFFICER).body(Mandates.mandate("2026-03-01", List.of("name"), 30).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @Test
  void aDeletedEntryAndADestroyedKeyLeaveTheRelationFilesAtTheNextPurge() throws Exception {
    String kept = visit("{\"location\":\"desk\",\"name\":\"Kept Visitor\"}");
    String deleted = visit("{\"location\":\"desk\",\"name\":\"Deleted Visitor\"}");
    // the only entry of the day before: deleting it destroys that day's key
    String alone = visit("{\"location\":\"desk\",\"name\":\"Alone Visitor\",\"visitedAt\":\"2026-03-01T12:00:00Z\"}");
    byte[] ciphertext = bytes("SELECT sealed FROM " + SCHEMA + ".contact_log WHERE id = '" + deleted + "'");
    byte[] aloneCiphertext = bytes("SELECT sealed FROM " + SCHEMA + ".contact_log WHERE id = '" + alone + "'");
    byte[] wrappedKey = bytes("SELECT wrapped_key FROM " + SCHEMA + ".data_key WHERE visit_day = '2026-03-01'");
    List<byte[]> destroyed = List.of(ciphertext, aloneCiphertext, wrappedKey);

    module.as(TENANT, OFFICER).delete("/contact-tracing/contact-logs/" + deleted).then().statusCode(204);
    module.as(TENANT, OFFICER).delete("/contact-tracing/contact-logs/" + alone).then().statusCode(204);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key WHERE visit_day = '2026-03-01'")).isZero();
    DataFiles.checkpoint();
    // gone from the tables, but PostgreSQL keeps them as dead rows in the files: what a DBA would decrypt
    assertThat(DataFiles.relationFilesContaining(destroyed)).as("control: dead rows in the files").isNotEmpty();

    module.bare().header("X-Okapi-Tenant", TENANT).post("/contact-tracing/retention/purge").then().statusCode(200)
        .body("erasurePending", org.hamcrest.Matchers.empty()).body("dataKeyErasurePending", equalTo(false))
        .body("partitionsDropped", equalTo(1));
    DataFiles.checkpoint();

    for (byte[] gone : destroyed) {
      assertThat(DataFiles.relationFilesContaining(List.of(gone))).isEmpty();
    }
    // the day left empty went with its partition; what was kept is still there and readable
    assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + SCHEMA
        + "' AND tablename = 'contact_log_20260301'")).isZero();
    module.as(TENANT, OFFICER).get("/contact-tracing/contact-logs/" + kept).then().statusCode(200)
        .body("name", equalTo("Kept Visitor"));
    assertThat(DataFiles.relationFilesContaining(List.of(bytes("SELECT sealed FROM " + SCHEMA
        + ".contact_log WHERE id = '" + kept + "'")))).as("control: what is kept is found").isNotEmpty();
  }

  @Test
  void aCorrectedEntrysEarlierVersionLeavesTheFilesAtTheNextPurge() throws Exception {
    String id = visit("{\"location\":\"desk\",\"name\":\"Misspelt Nmae\"}");
    byte[] before = bytes("SELECT sealed FROM " + SCHEMA + ".contact_log WHERE id = '" + id + "'");
    module.as(TENANT, OFFICER).body("{\"location\":\"desk\",\"name\":\"Corrected Name\"}")
        .put("/contact-tracing/contact-logs/" + id).then().statusCode(204);
    DataFiles.checkpoint();
    assertThat(DataFiles.relationFilesContaining(List.of(before))).as("control").isNotEmpty();

    module.bare().header("X-Okapi-Tenant", TENANT).post("/contact-tracing/retention/purge").then().statusCode(200);
    DataFiles.checkpoint();

    assertThat(DataFiles.relationFilesContaining(List.of(before))).isEmpty();
    module.as(TENANT, OFFICER).get("/contact-tracing/contact-logs/" + id).then().statusCode(200)
        .body("name", equalTo("Corrected Name"));
  }

  @Test
  void analyzeKeepsNoSampleOfCiphertextOrWrappedKeysInTheStatisticsCatalog() throws Exception {
    for (int i = 0; i < 60; i++) {
      visit("{\"location\":\"desk-" + (i % 3) + "\",\"name\":\"Sampled Visitor " + i + "\"}");
    }
    ModuleUnderTest.execute("ANALYZE " + SCHEMA + ".contact_log; ANALYZE " + SCHEMA + ".data_key");
    // pg_statistic is a catalog the purge cannot rewrite: it must never hold a sample of either
    assertThat(count("SELECT count(*) FROM pg_stats WHERE schemaname = '" + SCHEMA
        + "' AND attname IN ('sealed', 'wrapped_key')")).isZero();
    assertThat(count("SELECT count(*) FROM pg_stats WHERE schemaname = '" + SCHEMA
        + "' AND tablename LIKE 'contact_log%' AND attname = 'location'")).as("control: ANALYZE ran").isPositive();
  }

  private static String visit(String body) {
    return module.as(TENANT, OFFICER).body(body).post("/contact-tracing/contact-logs").then().statusCode(201)
        .extract().path("id");
  }

  private static byte[] bytes(String sql) throws Exception {
    try (Connection conn = TestPostgres.connect(); PreparedStatement st = conn.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getBytes(1);
    }
  }
}
