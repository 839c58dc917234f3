package org.folio.contacttracing.platform.tenant;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.db.TransactionLock;

/**
 * Tenant init jobs, kept in the tenant's own schema so that any module instance can answer Okapi's polling
 * and the job disappears with a purge.
 */
public final class TenantJobStore {
  private final Pool pool;

  public TenantJobStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Creates the schema if needed and records a new, incomplete job. Under a transaction-scoped advisory lock,
   * so concurrent installs for one tenant cannot race on creating the schema.
   */
  public Future<TenantJob> create(TenantId tenant, JsonObject attributes) {
    TenantJob job = new TenantJob(UUID.randomUUID(), tenant.value(), attributes, false, Optional.empty());
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.schema())
        .compose(locked -> conn.query("CREATE SCHEMA IF NOT EXISTS " + tenant.schema()).execute())
        .compose(created -> conn.query("CREATE TABLE IF NOT EXISTS " + tenant.table("tenant_job") + " ("
            + "id uuid PRIMARY KEY, attributes jsonb NOT NULL, complete boolean NOT NULL DEFAULT false, "
            + "error text, created_at timestamptz NOT NULL DEFAULT now()); ALTER TABLE " + tenant.table("tenant_job")
            + " ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz NOT NULL DEFAULT now()").execute())
        .compose(table -> conn
            .preparedQuery("INSERT INTO " + tenant.table("tenant_job") + " (id, attributes) VALUES ($1, $2)")
            .execute(Tuple.of(job.id(), attributes)))
        .map(job));
  }

  public Future<Void> finish(TenantId tenant, UUID id, Optional<String> error) {
    return pool
        .preparedQuery("UPDATE " + tenant.table("tenant_job") + " SET complete = true, error = $2 WHERE id = $1")
        .execute(Tuple.of(id, error.orElse(null)))
        .mapEmpty();
  }

  /** Tells pollers on any instance that the job is still being worked on. */
  public Future<Void> heartbeat(TenantId tenant, UUID id) {
    return pool.preparedQuery("UPDATE " + tenant.table("tenant_job") + " SET heartbeat_at = now() WHERE id = $1")
        .execute(Tuple.of(id))
        .mapEmpty();
  }

  /**
   * Ends jobs whose worker has stopped beating, as an instance that died mid-migration leaves them, so that
   * Okapi's polling ends with an error instead of waiting forever. Flyway's own history keeps the schema
   * consistent; running the install again completes it.
   */
  public Future<Void> abandonStale(TenantId tenant, int staleSeconds) {
    return pool.preparedQuery("UPDATE " + tenant.table("tenant_job") + " SET complete = true, error = $1 "
            + "WHERE NOT complete AND heartbeat_at < now() - make_interval(secs => $2::int)")
        .execute(Tuple.of("The module instance running this job stopped before it finished; enable the module "
            + "again to complete the migration", staleSeconds))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  /** The job, or empty when it does not exist; fails with {@link TenantNotFound} when the schema is absent. */
  public Future<Optional<TenantJob>> find(TenantId tenant, UUID id) {
    return pool
        .preparedQuery("SELECT id, attributes, complete, error FROM " + tenant.table("tenant_job") + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0
            ? Optional.<TenantJob>empty()
            : Optional.of(toJob(tenant, rows.iterator().next())))
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  public Future<Boolean> delete(TenantId tenant, UUID id) {
    return pool
        .preparedQuery("DELETE FROM " + tenant.table("tenant_job") + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0)
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  private static TenantJob toJob(TenantId tenant, Row row) {
    return new TenantJob(row.getUUID("id"), tenant.value(), row.getJsonObject("attributes"),
        row.getBoolean("complete"), Optional.ofNullable(row.getString("error")));
  }

  private static Throwable translate(Throwable failure) {
    if (failure instanceof PgException pg && ("42P01".equals(pg.getSqlState()) || "3F000".equals(pg.getSqlState()))) {
      return new TenantNotFound();
    }
    return failure;
  }

  /** The tenant has no schema of this module. */
  public static final class TenantNotFound extends RuntimeException {
    TenantNotFound() {
      super("tenant not found", null, false, false);
    }
  }
}
