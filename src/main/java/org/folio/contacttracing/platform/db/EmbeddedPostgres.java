package org.folio.contacttracing.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.platform.crypto.SecretDirectory;
import org.postgresql.PGConnection;

/**
 * The PostgreSQL 16 the module starts for itself when no {@code DB_HOST} is given, so that a newcomer
 * needs nothing but a JDK. Its data directory survives restarts.
 *
 * <p>Every connection to it, local socket or loopback, needs the password of the {@code postgres} role, which is
 * generated once and kept in the development mode's secret directory: without one, any local user could read
 * the database and, as its superuser, run programs as the user the module runs as.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger log = LogManager.getLogger(EmbeddedPostgres.class);
  /** The password's file in the development mode's secret directory. */
  public static final String PASSWORD_FILE = "postgres-password";
  private static final String SUPERUSER = "postgres";
  private static final String PG_HBA = """
      # Written by mod-contact-tracing: every connection needs the postgres role's password, kept beside the data
      # directory in <data directory>.keys/postgres-password. Replication connections are not allowed.
      local all all               scram-sha-256
      host  all all 127.0.0.1/32  scram-sha-256
      host  all all ::1/128       scram-sha-256
      """;

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final DatabaseSettings settings;
  private final Path dataDirectory;
  private final boolean clean;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, DatabaseSettings settings,
      Path dataDirectory, boolean clean) {
    this.server = server;
    this.settings = settings;
    this.dataDirectory = dataDirectory;
    this.clean = clean;
  }

  /**
   * Starts the server on a free port.
   *
   * @param dataDirectory kept as it is when it already holds a cluster
   * @param clean whether to wipe the directory first (tests)
   * @param serverSettings extra {@code postgresql.conf} settings
   */
  public static EmbeddedPostgres start(Path dataDirectory, boolean clean, Map<String, String> serverSettings,
      Map<String, String> env) {
    return start(dataDirectory, clean, serverSettings, env, 0);
  }

  /**
   * Starts the server on the given port, or on a free one when it is 0; tests restart a stopped server on the
   * same port and data directory to check that the module reconnects by itself.
   */
  public static EmbeddedPostgres start(Path dataDirectory, boolean clean, Map<String, String> serverSettings,
      Map<String, String> env, int port) {
    try {
      Files.createDirectories(dataDirectory);
      SecretDirectory secrets = SecretDirectory.beside(dataDirectory);
      String password = password(secrets, dataDirectory, clean);
      var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(clean)
          // the module stops the server itself, after its own connections are closed
          .setRegisterShutdownHook(false)
          // the library connects as postgres to see that the server is up
          .setConnectConfig("password", password)
          // the library hands its locale settings to initdb as --name=value, its only way to pass initdb options:
          // a new cluster requires the password from its first start on
          .setLocaleConfig("auth", "scram-sha-256")
          .setLocaleConfig("pwfile", secrets.file(PASSWORD_FILE).toString());
      serverSettings.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      var server = builder.start();
      try {
        requirePasswordForEveryConnection(server, dataDirectory, password);
      } catch (IOException | SQLException | RuntimeException e) {
        server.close();
        throw e;
      }
      var settings = DatabaseSettings.local(server.getPort(), SUPERUSER, password, "postgres", env);
      return new EmbeddedPostgres(server, settings, dataDirectory, clean);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDirectory, e);
    } catch (SQLException e) {
      throw new IllegalStateException("Embedded PostgreSQL in " + dataDirectory + " could not be given its password: "
          + e.getMessage(), e);
    }
  }

  private static String password(SecretDirectory secrets, Path dataDirectory, boolean clean) throws IOException {
    var kept = secrets.read(PASSWORD_FILE);
    if (kept.isPresent()) {
      return kept.get();
    }
    if (!clean && requiresPassword(dataDirectory)) {
      // a new password would not open it: say so now rather than after the library's 10 s of failed logins
      throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory + " requires a password, but "
          + secrets.file(PASSWORD_FILE) + " is missing: restore it, or remove " + dataDirectory
          + " to start with an empty database");
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return secrets.create(PASSWORD_FILE, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  private static boolean requiresPassword(Path dataDirectory) throws IOException {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    return Files.exists(hba) && Files.readAllLines(hba).stream()
        .map(String::strip)
        .anyMatch(line -> !line.startsWith("#") && line.endsWith("scram-sha-256"));
  }

  /**
   * Makes sure the password is set and required for every connection. A new cluster has both from initdb, and
   * only its {@code pg_hba.conf} is replaced by the module's; a cluster that an earlier version left open to
   * every local connection gets its password now.
   */
  private static void requirePasswordForEveryConnection(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      Path dataDirectory, String password) throws IOException, SQLException {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    if (Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)) {
      return;
    }
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      // hashed by the driver: the password itself never reaches the server's logs or statistics
      connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
      Path temporary = Files.createTempFile(dataDirectory, "pg_hba", ".tmp");
      Files.writeString(temporary, PG_HBA, StandardCharsets.UTF_8);
      Files.move(temporary, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      statement.execute("SELECT pg_reload_conf()");
    }
  }

  public static EmbeddedPostgres startForModule(Path dataDirectory, Map<String, String> env) {
    EmbeddedPostgres postgres = start(dataDirectory, false, Map.of(), env);
    log.info("No DB_HOST set: using embedded PostgreSQL 16 on port {} with data in {} and its password in {}",
        postgres.settings.port(), dataDirectory, SecretDirectory.beside(dataDirectory).file(PASSWORD_FILE));
    return postgres;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server; a cleaned one (tests) is deleted by the library, and its password goes with it. */
  @Override
  public void close() {
    try {
      server.close();
      if (clean) {
        SecretDirectory secrets = SecretDirectory.beside(dataDirectory);
        Files.deleteIfExists(secrets.file(PASSWORD_FILE));
        Files.deleteIfExists(secrets.path());
      }
    } catch (DirectoryNotEmptyException e) {
      // it also holds other secrets, such as a key-encryption key
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
