package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A tenant whose entries an earlier version sealed bound to the entry id alone: the upgrade job seals them again
 * with the binding of mandate, location, slot and destroyAfter, and afterwards only that binding is accepted.
 */
class SealUpgradeTest {
  private static final String TENANT = "sealupgrade";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final LocalDate DAY = LocalDate.parse("2026-03-02");
  private static final String UPGRADE = "{\"module_from\":\"mod-contact-tracing-0.9.0\","
      + "\"module_to\":\"" + ModuleUnderTest.MODULE_ID + "\",\"purge\":false}";

  @Test
  void entriesSealedTheOldWayReadAfterTheUpgradeJobAndTheOldBindingIsNeverAcceptedAgain() throws Exception {
    try (ModuleUnderTest module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:07:00Z"))) {
      module.install(TENANT);
      try {
        String mandate = module.as(TENANT, STAFF)
            .body(Mandates.mandate("2026-03-01", List.of("name", "phone"), 21, "main-desk").encode())
            .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
        // the day's data key, created as the module creates it
        String first = module.as(TENANT, STAFF)
            .body("{\"location\":\"main-desk\",\"name\":\"First Visitor\",\"phone\":\"+1 555 0101\"}")
            .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
        SecretKey key = dayKey(UUID.fromString(mandate));

        // the tenant as an earlier version left it: every entry sealed bound to its id alone, V9 just applied
        byte[] legacyFirst = legacySeal(key, UUID.fromString(first),
            new JsonObject().put("name", "First Visitor").put("phone", "+1 555 0101"));
        setSealed(first, legacyFirst);
        UUID second = UUID.randomUUID();
        insertLegacy(key, second, UUID.fromString(mandate), "2026-03-02T09:15:00Z",
            new JsonObject().put("name", "Second Visitor").put("phone", "+1 555 0102"));
        // logged while the mandate still collected email, dropped by a version that left it in the entries
        UUID third = UUID.randomUUID();
        insertLegacy(key, third, UUID.fromString(mandate), "2026-03-02T09:30:00Z",
            new JsonObject().put("name", "Third Visitor").put("phone", "+1 555 0103").put("email", "t@example.org"));
        ModuleUnderTest.execute("INSERT INTO " + SCHEMA + ".entry_seal_upgrade (pending) VALUES (true);"
            + " DELETE FROM " + SCHEMA + ".pending_erasure");

        // before the job, reads accept no other binding
        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + first).then().statusCode(422)
            .body("errors[0].code", equalTo("integrity_check_failed"));

        module.runTenantJob(TENANT, UPGRADE);

        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + first).then().statusCode(200)
            .body("name", equalTo("First Visitor")).body("phone", equalTo("+1 555 0101"))
            .body("destroyAfter", equalTo("2026-03-24T00:00:00.000Z"));
        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + second).then().statusCode(200)
            .body("name", equalTo("Second Visitor")).body("visitedAt", equalTo("2026-03-02T09:15:00.000Z"));
        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + third).then().statusCode(200)
            .body("name", equalTo("Third Visitor")).body("$", not(hasKey("email")));
        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().statusCode(200)
            .body("totalRecords", equalTo(3)).body("integrityFailures", equalTo(0));
        assertThat(count("SELECT count(*) FROM " + SCHEMA + ".entry_seal_upgrade")).isZero();
        assertThat(count("SELECT count(*) FROM " + SCHEMA + ".pending_erasure WHERE relation = 'contact_log'"
            + " AND visit_day = '" + DAY + "'")).isEqualTo(1);

        // an old ciphertext put back, say from a copy taken before the upgrade, is refused, and stays refused
        // however often the tenant job runs again
        setSealed(first, legacyFirst);
        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + first).then().statusCode(422)
            .body("errors[0].code", equalTo("integrity_check_failed"));
        module.runTenantJob(TENANT, UPGRADE);
        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs/" + first).then().statusCode(422);
        module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then()
            .body("totalRecords", equalTo(3)).body("integrityFailures", equalTo(1));
      } finally {
        module.purge(TENANT);
      }
    }
  }

  private static SecretKey dayKey(UUID mandate) throws Exception {
    try (Connection conn = TestPostgres.connect();
        PreparedStatement st = conn.prepareStatement("SELECT kek_id, wrapped_key FROM " + SCHEMA
            + ".data_key WHERE mandate_id = ? AND visit_day = ?")) {
      st.setObject(1, mandate);
      st.setObject(2, DAY);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new DataKeyWrapper(ModuleUnderTest.KEYS).unwrap(new DataKeyWrapper.Wrapped(rs.getString(1),
            rs.getBytes(2)), DataKeyStore.label(new TenantId(TENANT), mandate, DAY));
      }
    }
  }

  /** As versions before V9 sealed: the contact details alone, bound to the entry id alone. */
  private static byte[] legacySeal(SecretKey key, UUID id, JsonObject details) {
    return Aead.seal(key, details.toBuffer().getBytes(), id.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static void setSealed(String id, byte[] sealed) throws Exception {
    try (Connection conn = TestPostgres.connect();
        PreparedStatement st = conn.prepareStatement("UPDATE " + SCHEMA + ".contact_log SET sealed = ? WHERE id = ?")) {
      st.setBytes(1, sealed);
      st.setObject(2, UUID.fromString(id));
      st.executeUpdate();
    }
  }

  private static void insertLegacy(SecretKey key, UUID id, UUID mandate, String slot, JsonObject details)
      throws Exception {
    try (Connection conn = TestPostgres.connect();
        PreparedStatement st = conn.prepareStatement("INSERT INTO " + SCHEMA + ".contact_log (id, mandate_id, location,"
            + " visit_day, visited_bucket, bucket_minutes, destroy_after, sealed) VALUES (?, ?, 'main-desk', ?, ?, 15,"
            + " '2026-03-24T00:00:00Z', ?)")) {
      st.setObject(1, id);
      st.setObject(2, mandate);
      st.setObject(3, DAY);
      st.setTimestamp(4, Timestamp.from(Instant.parse(slot)));
      st.setBytes(5, legacySeal(key, id, details));
      st.executeUpdate();
    }
  }
}
