package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.folio.contacttracing.contactlog.ContactLogStore;
import org.folio.contacttracing.paperlog.PaperLogStore;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * {@code GET /contact-tracing/retention/status}, the privacy officer's view of destruction: the last purge run,
 * whether the timer still fires, and what is due now, in the tables or in their files. No personal data.
 */
public final class RetentionStatusApi implements Feature {
  private final TenantSettings settings;
  private final RetentionRuns runs;
  private final DueNow dueNow;
  private final Clock clock;

  public RetentionStatusApi(Pool pool, TenantSettings settings, ContactLogStore contactLogs, PaperLogStore paperLogs,
      Clock clock) {
    this.settings = settings;
    this.runs = new RetentionRuns(pool);
    this.dueNow = new DueNow(pool, contactLogs, paperLogs);
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/retention/status", this::status);
  }

  private Future<Response> status(RequestContext request) {
    TenantId tenant = request.tenant();
    OffsetDateTime now = Timestamps.utc(clock.instant());
    return settings.get(tenant).compose(s -> Future.all(runs.latest(tenant, now.minusHours(24)),
            dueNow.remaining(tenant, now, s), dueNow.pendingErasure(tenant, now))
        .map(all -> {
          RetentionRuns.Latest latest = all.resultAt(0);
          DueNow.Remaining left = all.resultAt(1);
          JsonObject pending = all.resultAt(2);
          JsonObject json = new JsonObject()
              .put("runsInLast24Hours", latest.runsSince())
              // the timer fires hourly: two hours without a finished run means it may have stopped
              .put("stale", latest.run().map(run -> run.finishedAt().isBefore(now.minusHours(2))).orElse(true))
              .put("contactLogsOverdue", left.overdue())
              .put("contactLogsHeld", left.held())
              .put("paperLogsOverdue", left.paperLogs().overdue())
              .put("paperLogsHeld", left.paperLogs().held())
              .mergeIn(pending);
          latest.run().ifPresent(run -> json.put("lastRun", run.toJson()));
          return Response.ok(json);
        }));
  }
}
