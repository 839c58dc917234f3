package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;

/**
 * {@code POST /contact-tracing/retention/purge}, fired hourly for each tenant by Okapi's {@code _timer}: it
 * arrives with an empty body and no user. Entries and decline counts past their {@code destroyAfter} are
 * deleted for real, in one transaction under a transaction-scoped advisory lock, so that several module
 * instances firing at once neither fail nor count twice, and a crash leaves all or nothing deleted.
 */
public final class RetentionApi implements Feature {
  private static final Logger log = LogManager.getLogger(RetentionApi.class);

  private final Pool pool;
  private final AccessAudit audit;
  private final Clock clock;

  public RetentionApi(Pool pool, AccessAudit audit, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.post("/contact-tracing/retention/purge", this::purge);
  }

  private Future<Response> purge(RequestContext request) {
    Tuple now = Tuple.of(clock.instant().atOffset(ZoneOffset.UTC));
    return pool.withTransaction(conn -> conn
            .preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
            .execute(Tuple.of(request.tenant().table("retention")))
            .compose(locked -> conn.preparedQuery("DELETE FROM " + request.tenant().table("contact_log")
                + " WHERE destroy_after <= $1").execute(now))
            .compose(entries -> conn.preparedQuery("DELETE FROM " + request.tenant().table("decline_count")
                    + " WHERE destroy_after <= $1").execute(now)
                .map(declines -> new Purged(entries.rowCount(), declines.rowCount()))))
        .compose(purged -> {
          if (purged.total() == 0) {
            return Future.succeededFuture(purged);
          }
          log.info("Retention purge destroyed {} contact log entries and {} decline counts",
              purged.contactLogs(), purged.declineCounts());
          return audit.record(request, AuditAction.RETENTION_PURGE, purged.total()).map(purged);
        })
        .map(purged -> Response.ok(new JsonObject()
            .put("contactLogsDestroyed", purged.contactLogs())
            .put("declineCountsDestroyed", purged.declineCounts())));
  }

  private record Purged(int contactLogs, int declineCounts) {
    int total() {
      return contactLogs + declineCounts;
    }
  }
}
