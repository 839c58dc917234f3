package org.folio.contacttracing.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.crypto.KeyEncryptionKeys;
import org.folio.contacttracing.support.DataFiles;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Forensics against the real embedded PostgreSQL: no visitor's name, phone or email in any file of the data
 * directory (WAL included) or in a dump of the tenant schema; after the purge neither the entry nor its key.
 */
class EncryptionAtRestTest {
  private static final String TENANT = "forensic";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();

  @Test
  void noPlaintextInDataFilesWalOrDumpAndNothingLeftAfterThePurge() throws Exception {
    String marker = "QZXMARKER" + UUID.randomUUID().toString().replace("-", "");
    String phone = "+99 " + Math.abs(marker.hashCode());
    String email = marker.toLowerCase() + "@example.org";
    try (ModuleUnderTest module = ModuleUnderTest.start(Instant.parse("2026-07-01T10:00:00Z"))) {
      module.install(TENANT);
      module.as(TENANT, STAFF).body(Mandates.mandate("2026-07-01", List.of("name", "phone", "email"), 1).encode())
          .post("/contact-tracing/mandates").then().statusCode(201);
      for (int i = 0; i < 20; i++) {
        module.as(TENANT, STAFF).body("{\"location\":\"desk\",\"name\":\"" + marker + " " + i + "\",\"phone\":\""
            + phone + "\",\"email\":\"" + email + "\"}").post("/contact-tracing/contact-logs").then().statusCode(201);
      }
      // the data is there and readable through the module
      module.as(TENANT, STAFF).get("/contact-tracing/contact-logs?limit=1").then()
          .body("totalRecords", equalTo(20)).body("contactLogs[0].name", org.hamcrest.Matchers.startsWith(marker));

      ModuleUnderTest.execute("CHECKPOINT");
      List<String> secrets = List.of(marker, phone, email);
      // control: the scan does see what is stored in clear, such as the mandate's reference
      assertThat(filesContaining(TestPostgres.server().dataDirectory(), List.of("Order 2026-17"))).isNotEmpty();
      assertThat(filesContaining(TestPostgres.server().dataDirectory(), secrets)).isEmpty();
      byte[] dump = dumpSchema();
      assertThat(indexOf(dump, "Order 2026-17".getBytes(StandardCharsets.UTF_8))).isNotNegative();
      for (String secret : secrets) {
        assertThat(indexOf(dump, secret.getBytes(StandardCharsets.UTF_8))).as(secret).isEqualTo(-1);
      }
      assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key")).isEqualTo(1);

      // destroyAfter is 2026-07-03T00:00Z: the purge destroys the day and its key in one transaction
      module.clock().set(Instant.parse("2026-07-03T00:00:00Z"));
      Response purged = module.bare().header("X-Okapi-Tenant", TENANT).header("Content-Type", "application/json")
          .post("/contact-tracing/retention/purge");
      purged.then().statusCode(200).body("contactLogsDestroyed", equalTo(20)).body("dataKeysDestroyed", equalTo(1));
      assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isZero();
      assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key")).isZero();
      module.as(TENANT, STAFF).get("/contact-tracing/audit-events?action=retention.purge").then()
          .body("auditEvents[0].details.dataKeysDestroyed", equalTo(1))
          .body("auditEvents[0].details.contactLogsDestroyed", equalTo(20));
      module.purge(TENANT);
    }
  }

  @Test
  void kekRotationReWrapsEveryKeyAndTheOldKekCanThenBeDropped() {
    String tenant = "rotation";
    byte[] oldKek = Aead.newKey().getEncoded();
    byte[] newKek = Aead.newKey().getEncoded();
    String entry;
    try (ModuleUnderTest module = ModuleUnderTest.start(Instant.parse("2026-07-01T10:00:00Z"),
        KeyEncryptionKeys.of(oldKek))) {
      module.install(tenant);
      module.as(tenant, STAFF).body(Mandates.mandate("2026-07-01", List.of("name"), 30).encode())
          .post("/contact-tracing/mandates").then().statusCode(201);
      entry = module.as(tenant, STAFF).body("{\"location\":\"desk\",\"name\":\"Rotated Visitor\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id");
    }
    KeyEncryptionKeys rotated = new KeyEncryptionKeys(KeyEncryptionKeys.of(newKek).current(),
        Optional.of(KeyEncryptionKeys.of(oldKek).current()));
    try (ModuleUnderTest module = ModuleUnderTest.start(Instant.parse("2026-07-02T10:00:00Z"), rotated)) {
      module.as(tenant, STAFF).get("/contact-tracing/contact-logs/" + entry).then().statusCode(200)
          .body("name", equalTo("Rotated Visitor"));
      module.as(tenant, STAFF).body("{\"location\":\"desk\",\"name\":\"New Visitor\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(201);
      module.bare().header("X-Okapi-Tenant", tenant).post("/contact-tracing/retention/purge").then().statusCode(200)
          .body("dataKeysRewrapped", equalTo(1));
      module.bare().header("X-Okapi-Tenant", tenant).post("/contact-tracing/retention/purge").then().statusCode(200)
          .body("dataKeysRewrapped", equalTo(0));
    }
    try (ModuleUnderTest module = ModuleUnderTest.start(Instant.parse("2026-07-02T11:00:00Z"),
        KeyEncryptionKeys.of(newKek))) {
      module.as(tenant, STAFF).get("/contact-tracing/contact-logs").then().statusCode(200)
          .body("totalRecords", equalTo(2)).body("contactLogs.name",
              org.hamcrest.Matchers.containsInAnyOrder("Rotated Visitor", "New Visitor"));
      module.purge(tenant);
    }
  }

  @Test
  void aCopiedWrappedKeyIsUselessOnceItsKekIsGone() {
    byte[] oldKek = Aead.newKey().getEncoded();
    DataKeyWrapper before = new DataKeyWrapper(KeyEncryptionKeys.of(oldKek));
    var dataKey = Aead.newKey();
    DataKeyWrapper.Wrapped copied = before.wrap(dataKey, "tenant/mandate/2026-07-01");
    assertThat(before.unwrap(copied, "tenant/mandate/2026-07-01").getEncoded()).isEqualTo(dataKey.getEncoded());
    // moved to another day or tenant, it does not open
    assertThatThrownBy(() -> before.unwrap(copied, "tenant/mandate/2026-07-02")).isInstanceOf(
        Aead.CryptoException.class);
    DataKeyWrapper after = new DataKeyWrapper(KeyEncryptionKeys.of(Aead.newKey().getEncoded()));
    assertThatThrownBy(() -> after.unwrap(copied, "tenant/mandate/2026-07-01"))
        .isInstanceOf(Aead.CryptoException.class).hasMessageContaining("not configured");
  }

  private static List<Path> filesContaining(Path root, List<String> secrets) throws IOException {
    return DataFiles.containing(root, secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), true);
  }

  /**
   * The data part of a pg_dump: every table of the tenant schema through COPY TO STDOUT (a query, because a
   * partitioned table cannot be copied directly; its partitions are tables of the schema too).
   */
  private static byte[] dumpSchema() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Connection conn = TestPostgres.connect()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = conn.createStatement().executeQuery(
          "SELECT tablename FROM pg_tables WHERE schemaname = '" + SCHEMA + "'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains("contact_log", "data_key", "audit_event");
      for (String table : tables) {
        conn.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM " + SCHEMA + "." + table + ") TO STDOUT", out);
      }
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return DataFiles.indexOf(haystack, needle);
  }
}
