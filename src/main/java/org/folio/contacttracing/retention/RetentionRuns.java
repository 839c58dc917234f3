package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The {@code retention_run} table: one row per finished purge run, so that whether the timer still fires, and
 * whether destruction is complete, can be seen without reading logs. Rows are kept as long as audit events.
 */
final class RetentionRuns {
  private static final String COLUMNS = "id, started_at, finished_at, contact_logs_destroyed, data_keys_destroyed,"
      + " decline_counts_destroyed, audit_events_destroyed, contact_logs_counted, contact_logs_held,"
      + " contact_logs_overdue, erasure_pending, data_key_erasure_pending, paper_logs_overdue, paper_logs_held,"
      + " fired_by, fired_by_user_id";

  private final Pool pool;

  RetentionRuns(Pool pool) {
    this.pool = pool;
  }

  /** A finished run. */
  record Run(UUID id, OffsetDateTime startedAt, OffsetDateTime finishedAt, int contactLogsDestroyed,
      int dataKeysDestroyed, int declineCountsDestroyed, int auditEventsDestroyed, int contactLogsCounted,
      int contactLogsHeld, int contactLogsOverdue, List<LocalDate> erasurePending, boolean dataKeyErasurePending,
      int paperLogsOverdue, int paperLogsHeld, Optional<TimerCaller> firedBy) {

    /**
     * Whether the run left anything undestroyed that was due, in the table or in its files, or a paper log past its
     * shredBy that nobody has shredded and no disclosure holds.
     */
    boolean incomplete() {
      return contactLogsOverdue > 0 || !erasurePending.isEmpty() || dataKeyErasurePending || paperLogsOverdue > 0;
    }

    JsonObject toJson() {
      JsonArray pending = new JsonArray();
      erasurePending.forEach(day -> pending.add(day.toString()));
      JsonObject json = new JsonObject()
          .put("id", id.toString())
          .put("startedAt", Timestamps.format(startedAt.toInstant()))
          .put("finishedAt", Timestamps.format(finishedAt.toInstant()))
          .put("contactLogsDestroyed", contactLogsDestroyed)
          .put("dataKeysDestroyed", dataKeysDestroyed)
          .put("declineCountsDestroyed", declineCountsDestroyed)
          .put("auditEventsDestroyed", auditEventsDestroyed)
          .put("contactLogsCounted", contactLogsCounted)
          .put("contactLogsHeld", contactLogsHeld)
          .put("contactLogsOverdue", contactLogsOverdue)
          .put("erasurePending", pending)
          .put("dataKeyErasurePending", dataKeyErasurePending)
          .put("paperLogsOverdue", paperLogsOverdue)
          .put("paperLogsHeld", paperLogsHeld);
      firedBy.ifPresent(caller -> caller.addTo(json));
      return json;
    }
  }

  /** Records a run and forgets runs older than {@code keepDays}. */
  Future<Void> record(TenantId tenant, Run run, int keepDays) {
    return pool.preparedQuery("INSERT INTO " + tenant.table("retention_run") + " (" + COLUMNS + ")"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
        .execute(Tuple.from(new Object[] {run.id(), run.startedAt(), run.finishedAt(), run.contactLogsDestroyed(),
            run.dataKeysDestroyed(), run.declineCountsDestroyed(), run.auditEventsDestroyed(),
            run.contactLogsCounted(), run.contactLogsHeld(), run.contactLogsOverdue(),
            run.erasurePending().toArray(LocalDate[]::new), run.dataKeyErasurePending(), run.paperLogsOverdue(),
            run.paperLogsHeld(), run.firedBy().map(TimerCaller::kind).orElse(null),
            run.firedBy().flatMap(TimerCaller::userId).orElse(null)}))
        .compose(inserted -> pool.preparedQuery("DELETE FROM " + tenant.table("retention_run")
                + " WHERE finished_at < $1::timestamptz - make_interval(days => $2::int)")
            .execute(Tuple.of(run.finishedAt(), keepDays)))
        .mapEmpty();
  }

  /** The latest finished run, and how many runs finished since {@code since}. */
  Future<Latest> latest(TenantId tenant, OffsetDateTime since) {
    return pool.preparedQuery("SELECT " + COLUMNS + ", (SELECT count(*) FROM " + tenant.table("retention_run")
            + " WHERE finished_at >= $1) AS recent FROM " + tenant.table("retention_run")
            + " ORDER BY finished_at DESC LIMIT 1")
        .execute(Tuple.of(since))
        .map(rows -> rows.size() == 0
            ? new Latest(Optional.empty(), 0)
            : new Latest(Optional.of(toRun(rows.iterator().next())),
                rows.iterator().next().getLong("recent").intValue()));
  }

  record Latest(Optional<Run> run, int runsSince) {
  }

  private static Run toRun(Row row) {
    LocalDate[] pending = row.getArrayOfLocalDates("erasure_pending");
    return new Run(row.getUUID("id"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("finished_at"),
        row.getInteger("contact_logs_destroyed"), row.getInteger("data_keys_destroyed"),
        row.getInteger("decline_counts_destroyed"), row.getInteger("audit_events_destroyed"),
        row.getInteger("contact_logs_counted"), row.getInteger("contact_logs_held"),
        row.getInteger("contact_logs_overdue"), pending == null ? List.of() : Arrays.asList(pending),
        row.getBoolean("data_key_erasure_pending"), row.getInteger("paper_logs_overdue"),
        row.getInteger("paper_logs_held"),
        TimerCaller.fromColumns(row.getString("fired_by"), row.getUUID("fired_by_user_id")));
  }
}
