package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.contactlog.DataKeyStore;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.db.TransactionLock;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.Settings;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * {@code POST /contact-tracing/retention/purge}, fired hourly for each tenant by Okapi's {@code _timer}: it
 * arrives with an empty body and no user. Entries and decline counts past their {@code destroyAfter} are
 * deleted for real, unless a pending or approved disclosure holds them (at most {@code maxHoldDays} longer),
 * and audit events past {@code auditRetentionDays}. All of it happens in one transaction under a
 * transaction-scoped advisory lock, with its destruction record, so that several module instances firing at
 * once neither fail nor count twice, and a crash leaves all or nothing destroyed.
 */
public final class RetentionApi implements Feature {
  private static final Logger log = LogManager.getLogger(RetentionApi.class);
  /** Data keys re-wrapped with the current KEK per run, after a KEK rotation. */
  static final int REWRAP_BATCH = 1000;
  /** An entry is held while a pending, or approved and unexpired, request's window and locations cover it. */
  private static final String NOT_HELD = " AND ($1 >= r.destroy_after + make_interval(days => $2::int) OR NOT EXISTS ("
      + "SELECT 1 FROM %s d WHERE (d.status = 'pending' OR (d.status = 'approved' AND d.release_expires_at > $1))"
      + " AND r.visited_bucket < d.window_to"
      + " AND r.visited_bucket + make_interval(mins => r.bucket_minutes) > d.window_from"
      + " AND (cardinality(d.locations) = 0 OR r.location = ANY(d.locations))))";

  private final Pool pool;
  private final TenantSettings settings;
  private final DataKeyStore dataKeys;
  private final AccessAudit audit;
  private final Clock clock;

  public RetentionApi(Pool pool, TenantSettings settings, DataKeyStore dataKeys, AccessAudit audit, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.dataKeys = dataKeys;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.post("/contact-tracing/retention/purge", this::purge);
  }

  private Future<Response> purge(RequestContext request) {
    OffsetDateTime now = Timestamps.utc(clock.instant());
    TenantId tenant = request.tenant();
    return settings.get(tenant).compose(s -> pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("retention"))
            .compose(locked -> destroy(conn, tenant, "contact_log", now, s))
            .compose(entries -> dataKeys.destroyUnused(conn, tenant)
                .compose(keys -> destroy(conn, tenant, "decline_count", now, s)
                .compose(declines -> destroyAuditEvents(conn, tenant, now, s)
                    .compose(auditEvents -> held(conn, tenant, now)
                        .compose(held -> dataKeys.rewrap(conn, tenant, REWRAP_BATCH)
                            .map(rewrapped -> new Purged(entries, keys, declines, auditEvents, held, rewrapped)))))))
            .compose(purged -> purged.destroyedAnything()
                ? audit.record(conn, request, AuditAction.RETENTION_PURGE, purged.total(), Optional.empty(),
                    purged.toJson()).map(purged)
                : Future.succeededFuture(purged))))
        .onSuccess(purged -> {
          if (purged.destroyedAnything()) {
            log.info("Retention purge: {}", purged.toJson().encode());
          }
        })
        .map(purged -> Response.ok(purged.toJson()));
  }

  private Future<Destroyed> destroy(SqlConnection conn, TenantId tenant, String table, OffsetDateTime now,
      Settings s) {
    return conn.preparedQuery("WITH destroyed AS (DELETE FROM " + tenant.table(table) + " r WHERE r.destroy_after <= $1"
            + String.format(NOT_HELD, tenant.table("disclosure")) + " RETURNING r.visited_bucket)"
            + " SELECT count(*) AS n, min(visited_bucket) AS first, max(visited_bucket) AS last FROM destroyed")
        .execute(Tuple.of(now, s.maxHoldDays()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Destroyed(row.getLong("n").intValue(), Optional.ofNullable(row.getOffsetDateTime("first")),
              Optional.ofNullable(row.getOffsetDateTime("last")));
        });
  }

  /** Audit events may only be deleted here: the table's trigger checks this transaction-local switch. */
  private static Future<Integer> destroyAuditEvents(SqlConnection conn, TenantId tenant, OffsetDateTime now,
      Settings s) {
    return conn.query("SELECT set_config('contact_tracing.audit_purge', 'on', true)").execute()
        .compose(on -> conn.preparedQuery("DELETE FROM " + tenant.table("audit_event")
            + " WHERE occurred_at < $1::timestamptz - make_interval(days => $2::int)").execute(Tuple.of(now, s.auditRetentionDays())))
        .compose(deleted -> conn.query("SELECT set_config('contact_tracing.audit_purge', 'off', true)").execute()
            .map(off -> deleted.rowCount()));
  }

  private static Future<Integer> held(SqlConnection conn, TenantId tenant, OffsetDateTime now) {
    return conn.preparedQuery("SELECT count(*) FROM " + tenant.table("contact_log") + " WHERE destroy_after <= $1")
        .execute(Tuple.of(now))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  private record Destroyed(int count, Optional<OffsetDateTime> first, Optional<OffsetDateTime> last) {
  }

  private record Purged(Destroyed entries, int keys, Destroyed declines, int auditEvents, int held, int rewrapped) {
    boolean destroyedAnything() {
      return total() > 0 || keys > 0;
    }

    int total() {
      return entries.count() + declines.count() + auditEvents;
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject()
          .put("contactLogsDestroyed", entries.count())
          .put("dataKeysDestroyed", keys)
          .put("declineCountsDestroyed", declines.count())
          .put("auditEventsDestroyed", auditEvents)
          .put("contactLogsHeld", held)
          .put("dataKeysRewrapped", rewrapped);
      entries.first().or(declines::first).ifPresent(first -> json.put("periodFrom", Timestamps.format(
          declines.first().filter(d -> d.isBefore(first)).orElse(first).toInstant())));
      entries.last().or(declines::last).ifPresent(last -> json.put("periodTo", Timestamps.format(
          declines.last().filter(d -> d.isAfter(last)).orElse(last).toInstant())));
      return json;
    }
  }
}
