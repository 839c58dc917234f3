package org.folio.contacttracing.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.config.DatabaseSettings;

/**
 * The PostgreSQL 16 the module starts for itself when no {@code DB_HOST} is given, so that a newcomer
 * needs nothing but a JDK. Its data directory survives restarts.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger log = LogManager.getLogger(EmbeddedPostgres.class);

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final DatabaseSettings settings;
  private final Path dataDirectory;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, DatabaseSettings settings,
      Path dataDirectory) {
    this.server = server;
    this.settings = settings;
    this.dataDirectory = dataDirectory;
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
      var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(clean)
          // the module stops the server itself, after its own connections are closed
          .setRegisterShutdownHook(false);
      serverSettings.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      var server = builder.start();
      var settings = DatabaseSettings.local(server.getPort(), "postgres", "postgres", "postgres", env);
      return new EmbeddedPostgres(server, settings, dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDirectory, e);
    }
  }

  public static EmbeddedPostgres startForModule(Path dataDirectory, Map<String, String> env) {
    EmbeddedPostgres postgres = start(dataDirectory, false, Map.of(), env);
    log.info("No DB_HOST set: using embedded PostgreSQL 16 on port {} with data in {}",
        postgres.settings.port(), dataDirectory);
    return postgres;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
