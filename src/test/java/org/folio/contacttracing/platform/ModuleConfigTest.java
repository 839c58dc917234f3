package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.folio.contacttracing.platform.config.ModuleConfig;
import org.junit.jupiter.api.Test;

class ModuleConfigTest {
  private static final String KEK = java.util.Base64.getEncoder().encodeToString(new byte[32]);

  @org.junit.jupiter.api.io.TempDir
  Path home;

  private Map<String, String> props() {
    return Map.of("user.home", home.toString());
  }

  @Test
  void portDefaultsTo8081() {
    assertThat(ModuleConfig.from(List.of(), Map.of(), props()).httpPort()).isEqualTo(8081);
  }

  @Test
  void portComesFromSystemPropertyOrArgumentsAfterTheJar() {
    assertThat(ModuleConfig.from(List.of(), Map.of(), Map.of("http.port", "9130", "user.home", home.toString())).httpPort()).isEqualTo(9130);
    assertThat(ModuleConfig.from(List.of("-Dhttp.port=9131"), Map.of(), props()).httpPort()).isEqualTo(9131);
    assertThat(ModuleConfig.from(List.of("http.port=9132"), Map.of(), Map.of("http.port", "1", "user.home", home.toString())).httpPort())
        .isEqualTo(9132);
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    assertThatThrownBy(() -> ModuleConfig.from(List.of("http.port=abc"), Map.of(), Map.of()))
        .hasMessageContaining("http.port");
    assertThatThrownBy(() -> ModuleConfig.from(List.of("--verbose"), Map.of(), Map.of()))
        .hasMessageContaining("Unknown argument");
  }

  @Test
  void databaseComesFromFolioVariables() {
    var config = ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg", "DB_PORT", "5433", "DB_USERNAME", "u",
        "DB_PASSWORD", "p", "DB_DATABASE", "d", "DB_MAXPOOLSIZE", "7", "DB_QUERYTIMEOUT", "1000",
        "CONTACT_TRACING_KEK", KEK), Map.of());
    var db = config.database().orElseThrow();
    assertThat(db.host()).isEqualTo("pg");
    assertThat(db.port()).isEqualTo(5433);
    assertThat(db.maxPoolSize()).isEqualTo(7);
    assertThat(db.queryTimeoutMs()).isEqualTo(1000);
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://pg:5433/d");
    assertThat(db.toString()).doesNotContain("p,").doesNotContain("password");
  }

  @Test
  void withoutDbHostTheEmbeddedServerIsUsedInADocumentedDirectory() {
    var config = ModuleConfig.from(List.of(), Map.of(), props());
    assertThat(config.database()).isEmpty();
    assertThat(config.embeddedDataDirectory()).isEqualTo(home.resolve(".mod-contact-tracing/pgdata"));
    var overridden = ModuleConfig.from(List.of(),
        Map.of("CONTACT_TRACING_EMBEDDED_PG_DIR", home.resolve("data/pg").toString()), Map.of());
    assertThat(overridden.embeddedDataDirectory()).isEqualTo(home.resolve("data/pg"));
  }

  @Test
  void tlsIsUsedWhenAServerCertificateIsGiven() {
    var config = ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg", "DB_SERVER_PEM", "-----BEGIN CERTIFICATE-----",
        "CONTACT_TRACING_KEK", KEK),
        Map.of());
    assertThat(config.database().orElseThrow().jdbcUrl()).contains("sslmode=verify-full");
  }

  @Test
  void anExternalDatabaseWithoutAKeyEncryptionKeyFailsClosed() {
    assertThatThrownBy(() -> ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg"), props()))
        .hasMessageContaining("CONTACT_TRACING_KEK").hasMessageContaining("refuses");
    assertThatThrownBy(() -> ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg", "CONTACT_TRACING_KEK", "c2hvcnQ="),
        props())).hasMessageContaining("32 bytes");
  }

  @Test
  void theEmbeddedDatabaseGetsAKekFileOutsideItsDataDirectoryOnce() throws Exception {
    var first = ModuleConfig.from(List.of(), Map.of(), props());
    java.nio.file.Path kek = home.resolve(".mod-contact-tracing/pgdata.keys/kek");
    assertThat(kek).exists();
    assertThat(kek.startsWith(first.embeddedDataDirectory())).isFalse();
    assertThat(java.nio.file.Files.getPosixFilePermissions(kek))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    var second = ModuleConfig.from(List.of(), Map.of(), props());
    assertThat(second.keys().current().id()).isEqualTo(first.keys().current().id());
  }

  @Test
  void aPreviousKekStillUnwrapsAfterRotation() {
    String previous = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    byte[] next = new byte[32];
    next[0] = 1;
    var rotated = ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg",
        "CONTACT_TRACING_KEK", java.util.Base64.getEncoder().encodeToString(next),
        "CONTACT_TRACING_PREVIOUS_KEK", previous), props()).keys();
    var old = ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg", "CONTACT_TRACING_KEK", previous), props()).keys();
    assertThat(rotated.current().id()).isNotEqualTo(old.current().id());
    assertThat(rotated.byId(old.current().id())).isPresent();
    assertThat(old.byId(rotated.current().id())).isEmpty();
  }
}
