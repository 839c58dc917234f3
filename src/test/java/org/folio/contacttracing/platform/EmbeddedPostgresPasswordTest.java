package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.platform.db.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of the development mode lets no one in without its generated password, also after a
 * restart. Runs its own server, never the shared one, because it stops it and tampers with its files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedPostgresPasswordTest {
  private static final Map<String, String> SERVER = Map.of("fsync", "off", "max_connections", "20");

  @TempDir
  static Path root;
  private static Path data;
  private static Path passwordFile;
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() {
    data = root.resolve("pgdata");
    passwordFile = root.resolve("pgdata.keys/postgres-password");
    postgres = EmbeddedPostgres.start(data, false, SERVER, Map.of());
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static Connection connect(String password) throws SQLException {
    DatabaseSettings settings = postgres.settings();
    return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), password);
  }

  private static String generatedPassword() throws Exception {
    return Files.readString(passwordFile).trim();
  }

  private static void restart() {
    postgres.close();
    postgres = EmbeddedPostgres.start(data, false, SERVER, Map.of());
  }

  @Test
  @Order(1)
  void thePasswordIsGeneratedIntoAPrivateFileBesideTheDataDirectory() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile.getParent())))
        .isEqualTo("rwx------");
    assertThat(generatedPassword()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo("postgres");
    assertThat(postgres.settings().password()).isEqualTo(generatedPassword());
  }

  @Test
  @Order(2)
  void aConnectionWithoutOrWithAWrongPasswordIsRefusedAndTheGeneratedOneAccepted() throws Exception {
    assertThatThrownBy(() -> connect(null).close()).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> connect("").close()).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> connect("postgres").close()).isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
    try (Connection connection = connect(generatedPassword())) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  @Order(3)
  void everyWayInNeedsThePasswordTheLocalSocketToo() throws Exception {
    List<String> rules = new ArrayList<>();
    try (Connection connection = connect(generatedPassword());
        var rows = connection.createStatement().executeQuery(
            "SELECT type, coalesce(address, ''), auth_method, coalesce(error, '') FROM pg_hba_file_rules")) {
      while (rows.next()) {
        rules.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + rows.getString(4));
      }
    }
    assertThat(rules).containsExactlyInAnyOrder("local  scram-sha-256", "host 127.0.0.1 scram-sha-256",
        "host ::1 scram-sha-256");
  }

  @Test
  @Order(4)
  void aRestartOnTheSameDataDirectoryUsesTheSamePassword() throws Exception {
    String before = generatedPassword();
    restart();
    assertThat(generatedPassword()).isEqualTo(before);
    assertThat(postgres.settings().password()).isEqualTo(before);
    try (Connection connection = connect(before)) {
      assertThat(connection.isValid(5)).isTrue();
    }
    assertThatThrownBy(() -> connect(null).close()).isInstanceOf(SQLException.class);
  }

  @Test
  @Order(5)
  void aClusterAnEarlierVersionLeftOpenToEveryLocalConnectionIsClosedAtTheNextStart() throws Exception {
    try (Connection connection = connect(generatedPassword())) {
      connection.createStatement().execute("ALTER ROLE postgres PASSWORD NULL");
    }
    postgres.close();
    Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        + "host all all ::1/128 trust\n");
    postgres = EmbeddedPostgres.start(data, false, SERVER, Map.of());
    // the server rereads pg_hba.conf a moment after it is told to
    long deadline = System.nanoTime() + 10_000_000_000L;
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try (Connection open = connect(null)) {
        Thread.sleep(100);
      } catch (SQLException e) {
        refused = true;
      }
    }
    assertThat(refused).as("a connection without password is refused").isTrue();
    try (Connection connection = connect(generatedPassword())) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  @Order(6)
  void aLostPasswordFileIsReportedAtOnceInsteadOfReplacedByOneThatCannotOpenTheDatabase() throws Exception {
    postgres.close();
    Path away = root.resolve("password-moved-away");
    Files.move(passwordFile, away);
    try {
      assertThatThrownBy(() -> postgres = EmbeddedPostgres.start(data, false, SERVER, Map.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(passwordFile.toString()).hasMessageContaining("missing");
      assertThat(passwordFile).doesNotExist();
    } finally {
      Files.move(away, passwordFile);
    }
    restart();
  }
}
