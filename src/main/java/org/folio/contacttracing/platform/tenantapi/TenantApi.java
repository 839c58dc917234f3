package org.folio.contacttracing.platform.tenantapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.db.TransactionLock;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.platform.tenant.DataUpgrade;
import org.folio.contacttracing.platform.tenant.SchemaMigrations;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.platform.tenant.TenantJob;
import org.folio.contacttracing.platform.tenant.TenantJobStore;

/**
 * FOLIO's {@code _tenant} interface 2.0, as Okapi drives it: install and upgrade answer 201 with a job that
 * runs the schema migrations in the background; Okapi polls {@code GET /_/tenant/{id}} and then deletes the
 * job. Disable keeps every row; only {@code purge: true} drops the tenant's schema.
 * Kept apart from {@code platform.tenant}, which the HTTP layer depends on, so the two never import each other.
 */
public final class TenantApi {
  private static final Logger log = LogManager.getLogger(TenantApi.class);
  private static final long POLL_INTERVAL_MS = 100;
  private static final int MAX_WAIT_MS = 600_000;
  static final long HEARTBEAT_MS = 5_000;
  /** A job whose worker has not beaten for this long is taken as abandoned. */
  static final int STALE_SECONDS = 60;

  private final Vertx vertx;
  private final Pool pool;
  private final TenantJobStore jobs;
  private final SchemaMigrations migrations;
  private final List<DataUpgrade> upgrades;

  /** @param upgrades run in this order after the migrations, by every job */
  public TenantApi(Vertx vertx, Pool pool, SchemaMigrations migrations, List<DataUpgrade> upgrades) {
    this.vertx = vertx;
    this.pool = pool;
    this.jobs = new TenantJobStore(pool);
    this.migrations = migrations;
    this.upgrades = List.copyOf(upgrades);
  }

  public void routes(Api api) {
    api.post("/_/tenant", "tenantAttributes.json", this::post);
    api.get("/_/tenant/{id}", Set.of("wait"), this::get);
    api.delete("/_/tenant/{id}", this::delete);
  }

  private Future<Response> post(RequestContext request) {
    JsonObject attributes = request.body();
    TenantId tenant = request.tenant();
    if (attributes.getString("module_to") == null) {
      if (Boolean.TRUE.equals(attributes.getBoolean("purge"))) {
        return purge(tenant).map(Response.noContent());
      }
      log.info("Module disabled for tenant {}; its data is kept", tenant);
      return Response.noContent().future();
    }
    return jobs.create(tenant, attributes).map(job -> {
      runInBackground(tenant, job);
      return Response.created("/_/tenant/" + job.id(), job.toJson());
    });
  }

  private void runInBackground(TenantId tenant, TenantJob job) {
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, tick -> jobs.heartbeat(tenant, job.id())
        .onFailure(failure -> log.warn("Tenant job heartbeat failed: {}", failure.getClass().getSimpleName())));
    migrations.migrate(tenant)
        .compose(applied -> upgrade(tenant).map(applied))
        .onComplete(done -> vertx.cancelTimer(heartbeat))
        .map(applied -> {
          log.info("Tenant {} initialised: {} migrations applied", tenant, applied);
          return Optional.<String>empty();
        })
        .otherwise(failure -> {
          log.error("Tenant {} initialisation failed: {}", tenant, failure.getMessage());
          return Optional.of(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        })
        .compose(error -> jobs.finish(tenant, job.id(), error))
        .onFailure(failure -> log.error("Could not record the end of tenant job {}", job.id(), failure));
  }

  private Future<Void> upgrade(TenantId tenant) {
    Future<Void> done = Future.succeededFuture();
    for (DataUpgrade upgrade : upgrades) {
      done = done.compose(previous -> upgrade.run(tenant)).mapEmpty();
    }
    return done;
  }

  private Future<Void> purge(TenantId tenant) {
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.schema())
            .compose(locked -> conn.query("DROP SCHEMA IF EXISTS " + tenant.schema() + " CASCADE").execute()))
        .onSuccess(dropped -> log.info("Tenant {} purged: schema {} dropped", tenant, tenant.schema()))
        .mapEmpty();
  }

  private Future<Response> get(RequestContext request) {
    UUID id = request.pathId("id");
    int waitMs = request.query().integer("wait", 0, 0, MAX_WAIT_MS);
    long deadline = System.nanoTime() + waitMs * 1_000_000L;
    return sweepStale(request.tenant())
        .compose(swept -> poll(request.tenant(), id, deadline)).map(job -> Response.ok(job.toJson()));
  }

  /** Answers once the job is complete or the deadline has passed, looking again every 100 ms. */
  private Future<TenantJob> poll(TenantId tenant, UUID id, long deadline) {
    return found(tenant, id).compose(job -> {
      long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
      if (job.complete() || remainingMs <= 0) {
        return Future.succeededFuture(job);
      }
      return vertx.timer(Math.min(POLL_INTERVAL_MS, remainingMs)).compose(tick -> poll(tenant, id, deadline));
    });
  }

  private Future<Response> delete(RequestContext request) {
    UUID id = request.pathId("id");
    return sweepStale(request.tenant())
        .compose(swept -> found(request.tenant(), id))
        .compose(job -> jobs.delete(request.tenant(), id))
        .map(deleted -> Response.noContent());
  }

  private Future<Void> sweepStale(TenantId tenant) {
    return jobs.abandonStale(tenant, STALE_SECONDS).recover(failure -> Future.failedFuture(notFound(tenant, failure)));
  }

  private static Throwable notFound(TenantId tenant, Throwable failure) {
    return failure instanceof TenantJobStore.TenantNotFound ? new NotFound("Tenant not found " + tenant)
        : failure;
  }

  private Future<TenantJob> found(TenantId tenant, UUID id) {
    return jobs.find(tenant, id)
        .recover(failure -> Future.failedFuture(notFound(tenant, failure)))
        .map(job -> job.orElseThrow(() -> new NotFound("Job not found " + id)));
  }
}
