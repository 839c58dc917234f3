package org.folio.contacttracing.platform.tenant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.folio.contacttracing.platform.config.DatabaseSettings;

/**
 * Applies the versioned SQL migrations in {@code db/migration} to one tenant's schema with Flyway. Flyway
 * records what ran in the schema's {@code flyway_schema_history}, so installing again changes nothing and an
 * upgrade applies only newer migrations. Flyway takes a PostgreSQL advisory lock, so two instances
 * migrating the same tenant at once do not collide.
 */
public final class SchemaMigrations {
  private final Vertx vertx;
  private final DatabaseSettings settings;

  public SchemaMigrations(Vertx vertx, DatabaseSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /** Runs the migrations on a worker thread; the result is the number of migrations applied. */
  public Future<Integer> migrate(TenantId tenant) {
    return vertx.executeBlocking(() -> {
      MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
          .dataSource(settings.jdbcUrl(), settings.username(), settings.password())
          .schemas(tenant.schema())
          .createSchemas(true)
          .locations("classpath:db/migration")
          // the platform's job table exists before the first migration runs
          .baselineOnMigrate(true)
          .baselineVersion("0")
          // SQL files are taken literally; no ${...} substitution
          .placeholderReplacement(false)
          .load()
          .migrate();
      return result.migrationsExecuted;
    }, false);
  }
}
