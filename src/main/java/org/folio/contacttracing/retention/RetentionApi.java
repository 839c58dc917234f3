package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.contactlog.ContactLogStore;
import org.folio.contacttracing.contactlog.DataKeyStore;
import org.folio.contacttracing.disclosure.DisclosureStore;
import org.folio.contacttracing.paperlog.PaperLogStore;
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
  /** An entry is held while a pending, or approved and unexpired, request's window and locations cover it. */
  static final String NOT_HELD = "($1 >= r.destroy_after + make_interval(days => $2::int) OR NOT EXISTS ("
      + "SELECT 1 FROM %s d WHERE (d.status = 'pending' OR (d.status = 'approved' AND d.release_expires_at > $1))"
      + " AND r.visited_bucket < d.window_to"
      + " AND r.visited_bucket + make_interval(mins => r.bucket_minutes) > d.window_from"
      + " AND (cardinality(d.locations) = 0 OR r.location = ANY(d.locations))))";

  private final Pool pool;
  private final TenantSettings settings;
  private final ContactLogStore contactLogs;
  private final DataKeyStore dataKeys;
  private final AccessAudit audit;
  private final Clock clock;
  private final PhysicalErasure erasure;
  private final RetentionRuns runs;
  private final DueNow dueNow;

  public RetentionApi(Pool pool, TenantSettings settings, ContactLogStore contactLogs, DataKeyStore dataKeys,
      PaperLogStore paperLogs, AccessAudit audit, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.contactLogs = contactLogs;
    this.dataKeys = dataKeys;
    this.audit = audit;
    this.clock = clock;
    this.erasure = new PhysicalErasure(pool, audit);
    this.runs = new RetentionRuns(pool);
    this.dueNow = new DueNow(pool, paperLogs);
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
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("retention"))
            .compose(locked -> conn.query("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'").execute())
            // data_key before the log, in the order the partition creator takes them: no circular wait
            .compose(limited -> conn.query("LOCK TABLE " + tenant.table("data_key") + " IN ROW EXCLUSIVE MODE").execute())
            // a closed release window takes no more retries, so which entries it gave out is no longer kept
            .compose(limited -> DisclosureStore.forgetReleasedEntries(conn, tenant, now))
            .compose(forgotten -> dueDays(conn, tenant, now, s))
            .compose(due -> destroyRows(conn, tenant, now, s, due.stream().filter(day -> !day.whole()).toList())
                .compose(single -> destroy(conn, tenant, "decline_count", now, s, "", Tuple.tuple())
                .compose(declines -> destroyAuditEvents(conn, tenant, now, s)
                .compose(auditEvents -> dataKeys.rewrap(conn, tenant, REWRAP_BATCH)
                // last: dropping a day's partition locks the whole log until the commit
                .compose(rewrapped -> destroyWholeDays(conn, tenant, now, s, due.stream().filter(DueDay::whole).toList())
                .compose(whole -> dataKeys.destroyUnused(conn, tenant, due.stream().map(DueDay::day).toList())
                .map(keys -> new Purged(single.plus(whole), keys, declines, auditEvents, rewrapped))))))))
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
   * Every library day with a due entry, with its entries counted and whether all of them are due and none is
   * held: such a day goes whole, by dropping its partition.
   */
  private Future<List<DueDay>> dueDays(SqlConnection conn, TenantId tenant, OffsetDateTime now, Settings s) {
    return conn.preparedQuery("SELECT DISTINCT visit_day FROM " + tenant.table("contact_log") + " WHERE destroy_after <= $1")
        .execute(Tuple.of(now))
        .compose(rows -> {
          List<LocalDate> days = new ArrayList<>();
          rows.forEach(row -> days.add(row.getLocalDate(0)));
          if (days.isEmpty()) {
            return Future.succeededFuture(List.of());
          }
          // the days as a parameter, not a subquery: PostgreSQL then reads only their partitions
          return conn.preparedQuery("SELECT r.visit_day, count(*) AS n, min(r.visited_bucket) AS first,"
                  + " max(r.visited_bucket) AS last, bool_and(r.destroy_after <= $1 AND "
                  + String.format(NOT_HELD, tenant.table("disclosure")) + ") AS whole"
                  + " FROM " + tenant.table("contact_log") + " r WHERE r.visit_day = ANY($3) GROUP BY r.visit_day")
              .execute(Tuple.of(now, s.maxHoldDays()).addArrayOfLocalDate(days.toArray(LocalDate[]::new)))
              .map(counted -> {
                List<DueDay> due = new ArrayList<>();
                counted.forEach(row -> due.add(new DueDay(row.getLocalDate("visit_day"), row.getBoolean("whole"),
                    new Destroyed(row.getLong("n").intValue(), Optional.of(row.getOffsetDateTime("first")),
                        Optional.of(row.getOffsetDateTime("last"))))));
                return due;
              });
        });
  }

  /**
   * The due and unheld entries of the given days, row by row. An entry another transaction has locked (a
   * correction not yet committed) is left for the next run and reported as overdue. The days are marked for the
   * rewrite that removes the deleted rows from the partition's files.
   */
  private Future<Destroyed> destroyRows(SqlConnection conn, TenantId tenant, OffsetDateTime now, Settings s,
      List<DueDay> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture(Destroyed.NONE);
    }
    String entries = tenant.table("contact_log");
    return conn.preparedQuery("WITH destroyed AS (DELETE FROM " + entries + " r WHERE r.visit_day = ANY($3)"
            + " AND (r.id, r.visit_day) IN (SELECT r.id, r.visit_day FROM " + entries + " r WHERE r.visit_day = ANY($3)"
            + " AND r.destroy_after <= $1 AND " + String.format(NOT_HELD, tenant.table("disclosure"))
            + " FOR UPDATE OF r SKIP LOCKED) RETURNING r.visited_bucket, r.visit_day),"
            + " marked AS (INSERT INTO " + tenant.table("pending_erasure") + " (relation, visit_day)"
            + " SELECT DISTINCT 'contact_log', visit_day FROM destroyed ON CONFLICT DO NOTHING)"
            + " SELECT count(*) AS n, min(visited_bucket) AS first, max(visited_bucket) AS last FROM destroyed")
        .execute(Tuple.of(now, s.maxHoldDays()).addArrayOfLocalDate(days.stream().map(DueDay::day)
            .toArray(LocalDate[]::new)))
        .map(RetentionApi::destroyed);
  }

  /**
   * Drops the partitions of days whose entries are all due and unheld. A day changed since it was counted (an
   * entry was logged or deleted meanwhile) is left whole and purged row by row instead.
   */
  private Future<Destroyed> destroyWholeDays(SqlConnection conn, TenantId tenant, OffsetDateTime now, Settings s,
      List<DueDay> whole) {
    if (whole.isEmpty()) {
      return Future.succeededFuture(Destroyed.NONE);
    }
    return conn.preparedQuery("SELECT day, " + tenant.table("drop_contact_log_partition") + "(day, $1, n) AS dropped"
            + " FROM unnest($2::date[], $3::bigint[]) AS t(day, n)")
        .execute(Tuple.of(now).addArrayOfLocalDate(whole.stream().map(DueDay::day).toArray(LocalDate[]::new))
            .addArrayOfLong(whole.stream().map(day -> (long) day.destroyed().count()).toArray(Long[]::new)))
        .compose(rows -> {
          List<LocalDate> dropped = new ArrayList<>();
          rows.forEach(row -> {
            if (row.getBoolean("dropped")) {
              dropped.add(row.getLocalDate("day"));
            }
          });
          Destroyed destroyed = whole.stream().filter(day -> dropped.contains(day.day())).map(DueDay::destroyed)
              .reduce(Destroyed.NONE, Destroyed::plus);
          return destroyRows(conn, tenant, now, s, whole.stream().filter(day -> !dropped.contains(day.day())).toList())
              .map(destroyed::plus);
        });
  }

  /** Due rows of a table that no disclosure holds; {@code where} narrows them with more parameters. */
  private Future<Destroyed> destroy(SqlConnection conn, TenantId tenant, String table, OffsetDateTime now,
      Settings s, String where, Tuple whereParameters) {
    Tuple parameters = Tuple.of(now, s.maxHoldDays());
    for (int i = 0; i < whereParameters.size(); i++) {
      parameters.addValue(whereParameters.getValue(i));
    }
    return conn.preparedQuery("WITH destroyed AS (DELETE FROM " + tenant.table(table) + " r WHERE r.destroy_after <= $1"
            + where + " AND " + String.format(NOT_HELD, tenant.table("disclosure")) + " RETURNING r.visited_bucket)"
            + " SELECT count(*) AS n, min(visited_bucket) AS first, max(visited_bucket) AS last FROM destroyed")
        .execute(parameters)
        .map(RetentionApi::destroyed);
  }

  private static Destroyed destroyed(RowSet<Row> rows) {
    Row row = rows.iterator().next();
    return new Destroyed(row.getLong("n").intValue(), Optional.ofNullable(row.getOffsetDateTime("first")),
        Optional.ofNullable(row.getOffsetDateTime("last")));
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

  /** Audit events may only be deleted here: the table's trigger checks this transaction-local switch. */
  private static Future<Integer> destroyAuditEvents(SqlConnection conn, TenantId tenant, OffsetDateTime now,
      Settings s) {
    return conn.query("SELECT set_config('contact_tracing.audit_purge', 'on', true)").execute()
        .compose(on -> conn.preparedQuery("DELETE FROM " + tenant.table("audit_event")
            + " WHERE occurred_at < $1::timestamptz - make_interval(days => $2::int)").execute(Tuple.of(now, s.auditRetentionDays())))
        .compose(deleted -> conn.query("SELECT set_config('contact_tracing.audit_purge', 'off', true)").execute()
            .map(off -> deleted.rowCount()));
  }

  private record Destroyed(int count, Optional<OffsetDateTime> first, Optional<OffsetDateTime> last) {
    static final Destroyed NONE = new Destroyed(0, Optional.empty(), Optional.empty());

    Destroyed plus(Destroyed other) {
      return new Destroyed(count + other.count, earlier(first, other.first), later(last, other.last));
    }

    private static Optional<OffsetDateTime> earlier(Optional<OffsetDateTime> a, Optional<OffsetDateTime> b) {
      return a.isEmpty() ? b : b.filter(x -> x.isBefore(a.get())).or(() -> a);
    }

    private static Optional<OffsetDateTime> later(Optional<OffsetDateTime> a, Optional<OffsetDateTime> b) {
      return a.isEmpty() ? b : b.filter(x -> x.isAfter(a.get())).or(() -> a);
    }
  }

  /** A library day with a due entry; {@code whole} when every entry of it is due and none is held. */
  private record DueDay(LocalDate day, boolean whole, Destroyed destroyed) {
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
