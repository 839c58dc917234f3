package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.audit.AuditStore;
import org.folio.contacttracing.contactlog.ContactLogStore;
import org.folio.contacttracing.contactlog.ContactLogStore.DueDay;
import org.folio.contacttracing.contactlog.DataKeyStore;
import org.folio.contacttracing.decline.DeclineStore;
import org.folio.contacttracing.disclosure.DisclosureStore;
import org.folio.contacttracing.disclosure.Hold;
import org.folio.contacttracing.paperlog.PaperLogStore;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.db.Destroyed;
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
 * {@code POST /contact-tracing/retention/purge}, fired hourly for each tenant by Okapi's {@code _timer} (an empty
 * body and no user) or, under Eureka, by mod-scheduler with its system user; the run and its audit events say which
 * ({@link TimerCaller}). Entries and decline counts past their {@code destroyAfter} are
 * deleted for real, unless a pending or approved disclosure holds them (at most {@code maxHoldDays} longer),
 * and audit events past {@code auditRetentionDays}, in one transaction under a transaction-scoped advisory lock
 * with its destruction record, so that several module instances firing at once neither fail nor count twice. A
 * library day whose entries are all due goes whole by dropping its partition, unless another transaction holds
 * the log: then its rows are deleted, which no ordinary reader or writer can block.
 *
 * <p>Then {@link PhysicalErasure} rewrites what still holds destroyed data or says more than a slot in its files,
 * the partitions of the library's today and tomorrow are created ahead of the first visit, and the run is
 * recorded ({@link RetentionStatusApi}); a run that leaves anything due undestroyed is a WARN
 * and a {@code retention.overdue} audit event. Paper logs are shredded by people, not by the run: it reports those
 * past their shredBy that nobody has shredded, and those a disclosure holds, and one left overdue makes the run
 * incomplete like an overdue entry.
 */
public final class RetentionApi implements Feature {
  private static final Logger log = LogManager.getLogger(RetentionApi.class);
  /** Data keys re-wrapped with the current KEK per run, after a KEK rotation. */
  static final int REWRAP_BATCH = 1000;
  /**
   * Dropping a day's partition waits for the statements reading or writing the log; rather than stall the
   * front desk behind a long one, the run gives up after this long and the next hour's run tries again.
   */
  static final String LOCK_TIMEOUT = "5s";
  private final Pool pool;
  private final TenantSettings settings;
  private final ContactLogStore contactLogs;
  private final DataKeyStore dataKeys;
  private final DeclineStore declines;
  private final AccessAudit audit;
  private final Clock clock;
  private final PhysicalErasure erasure;
  private final RetentionRuns runs;
  private final DueNow dueNow;

  public RetentionApi(Pool pool, TenantSettings settings, ContactLogStore contactLogs, DataKeyStore dataKeys,
      DeclineStore declines, PaperLogStore paperLogs, AccessAudit audit, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.contactLogs = contactLogs;
    this.dataKeys = dataKeys;
    this.audit = audit;
    this.clock = clock;
    this.declines = declines;
    this.erasure = new PhysicalErasure(pool, audit);
    this.runs = new RetentionRuns(pool);
    this.dueNow = new DueNow(pool, contactLogs, paperLogs);
  }

  @Override
  public void routes(Api api) {
    api.post("/contact-tracing/retention/purge", this::purge);
  }

  private Future<Response> purge(RequestContext request) {
    OffsetDateTime startedAt = Timestamps.utc(clock.instant());
    TenantId tenant = request.tenant();
    return settings.get(tenant).compose(s -> destroy(request, startedAt, s)
        .compose(purged -> erasure.run(request.actor(), startedAt, s.today(clock), purged.keys() > 0)
            .compose(erased -> createComingPartitions(tenant, s)
                .compose(created -> dueNow.remaining(tenant, startedAt, s))
                .compose(left -> finish(request, s, startedAt, purged, erased, left)))));
  }

  /**
   * Deletes what is due, in one transaction: rows that other transactions merely read or write are deleted
   * whatever locks those hold on the log; only a whole day's partition needs the log to itself, and when another
   * transaction holds it the day's rows are deleted instead.
   */
  private Future<Purged> destroy(RequestContext request, OffsetDateTime now, Settings s) {
    TenantId tenant = request.tenant();
    int hold = s.maxHoldDays();
    String notHeld = Hold.notHeldSql(tenant, "$1", "$2");
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("retention"))
            .compose(locked -> TransactionLock.waitAtMost(conn, LOCK_TIMEOUT))
            // data_key before the log, in the order the partition creator takes them: no circular wait
            .compose(limited -> dataKeys.lockAgainstNewKeys(conn, tenant))
            // a closed release window takes no more retries, so which entries it gave out is no longer kept
            .compose(limited -> DisclosureStore.forgetReleasedEntries(conn, tenant, now))
            .compose(forgotten -> contactLogs.dueDays(conn, tenant, now, hold, notHeld))
            .compose(due -> contactLogs.destroyDueRows(conn, tenant, now, hold, notHeld,
                    due.stream().filter(day -> !day.whole()).map(DueDay::day).toList())
                .compose(single -> declines.destroyDue(conn, tenant, now, hold, notHeld)
                .compose(declined -> AuditStore.destroyOlderThan(conn, tenant, now, s.auditRetentionDays())
                .compose(auditEvents -> dataKeys.rewrap(conn, tenant, REWRAP_BATCH)
                // last: dropping a day's partition locks the whole log until the commit
                .compose(rewrapped -> contactLogs.destroyWholeDays(conn, tenant, now, hold, notHeld,
                    due.stream().filter(DueDay::whole).toList())
                .compose(whole -> dataKeys.destroyUnused(conn, tenant, due.stream().map(DueDay::day).toList())
                .map(keys -> new Purged(single.plus(whole), keys, declined, auditEvents, rewrapped))))))))
            .compose(purged -> purged.destroyedAnything()
                ? audit.record(conn, request.actor(), AuditAction.RETENTION_PURGE, purged.total(), Optional.empty(),
                    TimerCaller.of(request.actor()).addTo(purged.toJson())).map(purged)
                : Future.succeededFuture(purged)))
        .onSuccess(purged -> {
          if (purged.destroyedAnything()) {
            log.info("Retention purge: {}", purged.toJson().encode());
          }
        });
  }

  /** Records the run; one that left anything due undestroyed is a WARN and an audit event. */
  private Future<Response> finish(RequestContext request, Settings s, OffsetDateTime startedAt, Purged purged,
      PhysicalErasure.Erased erased, DueNow.Remaining left) {
    RetentionRuns.Run run = new RetentionRuns.Run(UUID.randomUUID(), startedAt, Timestamps.utc(clock.instant()),
        purged.entries().count(), purged.keys(), purged.declines().count(), purged.auditEvents(), erased.counted(),
        left.held(), left.overdue(), erased.pending(), erased.dataKeyPending(), left.paperLogs().overdue(),
        left.paperLogs().held(), Optional.of(TimerCaller.of(request.actor())));
    JsonObject answer = purged.toJson().mergeIn(run.toJson()).put("contactLogsHeld", left.held())
        .put("partitionsRewritten", erased.partitionsRewritten()).put("partitionsDropped", erased.partitionsDropped());
    answer.remove("id");
    answer.remove("startedAt");
    answer.remove("finishedAt");
    Future<Void> recorded = runs.record(request.tenant(), run, s.auditRetentionDays());
    if (!run.incomplete()) {
      return recorded.map(Response.ok(answer));
    }
    log.warn("Retention purge left due data: {} entries overdue, partitions of {} and {} still to be rewritten;"
        + " another transaction holds them; {} paper logs past their shredBy not shredded", left.overdue(),
        erased.pending(), erased.dataKeyPending() ? "data_key" : "no data key", left.paperLogs().overdue());
    JsonObject details = run.toJson();
    details.remove("id");
    return recorded.compose(done -> audit.record(pool, request.actor(), AuditAction.RETENTION_OVERDUE,
            left.overdue() + left.paperLogs().overdue(), Optional.empty(), details))
        .map(Response.ok(answer));
  }

  /**
   * Creates the partitions of the library's today and tomorrow, so that the front desk's first visit of a day
   * does not wait for one. A failure here does not undo the purge; a visit creates a missing partition itself.
   */
  private Future<Void> createComingPartitions(TenantId tenant, Settings s) {
    LocalDate today = s.today(clock);
    return contactLogs.createPartition(tenant, today)
        .compose(created -> contactLogs.createPartition(tenant, today.plusDays(1)))
        .recover(failure -> {
          log.warn("Partitions for the coming days not created: {}", failure.getMessage());
          return Future.succeededFuture();
        });
  }

  private record Purged(Destroyed entries, int keys, Destroyed declines, int auditEvents, int rewrapped) {
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
          .put("dataKeysRewrapped", rewrapped);
      Destroyed all = entries.plus(declines);
      all.first().ifPresent(first -> json.put("periodFrom", Timestamps.format(first.toInstant())));
      all.last().ifPresent(last -> json.put("periodTo", Timestamps.format(last.toInstant())));
      return json;
    }
  }
}
