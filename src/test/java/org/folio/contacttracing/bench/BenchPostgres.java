package org.folio.contacttracing.bench;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.platform.db.EmbeddedPostgres;

/**
 * The PostgreSQL both the module and the baseline use: the server named by {@code DB_HOST}, or an embedded
 * PostgreSQL 16 in a temporary directory. Durability stays at PostgreSQL's defaults: the embedded server's
 * library starts it with {@code fsync} and {@code synchronous_commit} off unless told otherwise, so both are set
 * back to {@code on}.
 */
final class BenchPostgres implements AutoCloseable {
  private final DatabaseSettings settings;
  private final Optional<EmbeddedPostgres> embedded;

  private BenchPostgres(DatabaseSettings settings, Optional<EmbeddedPostgres> embedded) {
    this.settings = settings;
    this.embedded = embedded;
  }

  static BenchPostgres start() {
    Optional<DatabaseSettings> external = DatabaseSettings.fromEnvironment(System.getenv());
    if (external.isPresent()) {
      return new BenchPostgres(external.get(), Optional.empty());
    }
    try {
      EmbeddedPostgres server = EmbeddedPostgres.start(Files.createTempDirectory("ct-bench-pg"), true,
          Map.of("max_connections", "300", "fsync", "on", "synchronous_commit", "on",
              "shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track_planning", "on"), Map.of());
      return new BenchPostgres(server.settings(), Optional.of(server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  DatabaseSettings settings() {
    return settings;
  }

  boolean embedded() {
    return embedded.isPresent();
  }

  /** The embedded server's postmaster, from the first line of its {@code postmaster.pid}; empty for DB_HOST. */
  Optional<Long> postmasterPid() {
    return embedded.map(server -> {
      try {
        return Long.parseLong(Files.readAllLines(server.dataDirectory().resolve("postmaster.pid")).get(0).trim());
      } catch (IOException | RuntimeException e) {
        return null;
      }
    });
  }

  /** What the child module needs to reach this server, in FOLIO's variable names. */
  Map<String, String> moduleEnvironment() {
    return Map.of("DB_HOST", settings.host(), "DB_PORT", Integer.toString(settings.port()),
        "DB_USERNAME", settings.username(), "DB_PASSWORD", settings.password(),
        "DB_DATABASE", settings.database());
  }

  /** A pool of the harness itself, named so that it is not counted as the module's. */
  Pool pool(Vertx vertx, int maxSize) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setUser(settings.username())
        .setPassword(settings.password())
        .setDatabase(settings.database())
        .setCachePreparedStatements(true)
        .setProperties(Map.of("application_name", "ct-bench-harness"));
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(maxSize)).connectingTo(connect).using(vertx).build();
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedPostgres::close);
  }
}
