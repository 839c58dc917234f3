package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.folio.contacttracing.platform.config.ModuleConfig;
import org.junit.jupiter.api.Test;

class ModuleConfigTest {

  @Test
  void portDefaultsTo8081() {
    assertThat(ModuleConfig.from(List.of(), Map.of(), Map.of()).httpPort()).isEqualTo(8081);
  }

  @Test
  void portComesFromSystemPropertyOrArgumentsAfterTheJar() {
    assertThat(ModuleConfig.from(List.of(), Map.of(), Map.of("http.port", "9130")).httpPort()).isEqualTo(9130);
    assertThat(ModuleConfig.from(List.of("-Dhttp.port=9131"), Map.of(), Map.of()).httpPort()).isEqualTo(9131);
    assertThat(ModuleConfig.from(List.of("http.port=9132"), Map.of(), Map.of("http.port", "1")).httpPort())
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
        "DB_PASSWORD", "p", "DB_DATABASE", "d", "DB_MAXPOOLSIZE", "7", "DB_QUERYTIMEOUT", "1000"), Map.of());
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
    var config = ModuleConfig.from(List.of(), Map.of(), Map.of("user.home", "/home/lib"));
    assertThat(config.database()).isEmpty();
    assertThat(config.embeddedDataDirectory()).isEqualTo(Path.of("/home/lib/.mod-contact-tracing/pgdata"));
    var overridden = ModuleConfig.from(List.of(), Map.of("CONTACT_TRACING_EMBEDDED_PG_DIR", "/data/pg"), Map.of());
    assertThat(overridden.embeddedDataDirectory()).isEqualTo(Path.of("/data/pg"));
  }

  @Test
  void tlsIsUsedWhenAServerCertificateIsGiven() {
    var config = ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg", "DB_SERVER_PEM", "-----BEGIN CERTIFICATE-----"),
        Map.of());
    assertThat(config.database().orElseThrow().jdbcUrl()).contains("sslmode=verify-full");
  }
}
