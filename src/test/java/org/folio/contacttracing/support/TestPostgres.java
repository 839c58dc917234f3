package org.folio.contacttracing.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.platform.db.EmbeddedPostgres;

/** One embedded PostgreSQL 16 for the whole test run; every test class uses its own tenant in it. */
public final class TestPostgres {
  private static EmbeddedPostgres server;

  private TestPostgres() {
  }

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("ct-test-pg");
        server = EmbeddedPostgres.start(dir, true,
            Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off", "max_connections", "300"),
            Map.of());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return server;
  }

  public static DatabaseSettings settings() {
    return server().settings();
  }

  /** A plain JDBC connection for tests that inspect stored state directly. */
  public static Connection connect() throws SQLException {
    DatabaseSettings s = settings();
    return DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password());
  }
}
