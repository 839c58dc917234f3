package org.folio.contacttracing.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;
import org.folio.contacttracing.platform.db.Earliest;
import org.folio.contacttracing.platform.db.Page;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The access audit in each tenant's {@code audit_event} table. The table refuses updates and deletes by a
 * trigger; only the retention purge, which sets {@code contact_tracing.audit_purge} for its own transaction,
 * may delete events past the audit retention period.
 */
public final class AuditStore implements AccessAudit {
  private static final String COLUMNS = "id, occurred_at, user_id, action, record_count, request_id, target_id, details";
  private static final String FILTER = " WHERE ($1::timestamptz IS NULL OR occurred_at >= $1)"
      + " AND ($2::timestamptz IS NULL OR occurred_at < $2) AND ($3::text IS NULL OR action = $3)"
      + " AND ($4::uuid IS NULL OR user_id = $4)";

  /** What a {@code query} on audit events may search and sort by; details are not searchable. */
  public static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("id", "id", FieldType.UUID),
      SearchField.of("occurredAt", "occurred_at", FieldType.TIMESTAMP),
      SearchField.of("userId", "user_id", FieldType.UUID),
      SearchField.oneOf("action", "action", Arrays.stream(AuditAction.values()).map(AuditAction::code).toList()),
      SearchField.of("recordCount", "record_count", FieldType.INTEGER),
      SearchField.of("requestId", "request_id", FieldType.TEXT),
      SearchField.of("targetId", "target_id", FieldType.UUID));

  private final Pool pool;
  private final Clock clock;

  public AuditStore(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<Void> record(SqlClient client, Actor actor, AuditAction action, int recordCount,
      Optional<UUID> target, JsonObject details) {
    return client.preparedQuery(insert(actor))
        .execute(Tuple.from(values(actor, action, recordCount, target, details)))
        .mapEmpty();
  }

  /** The INSERT of one event. */
  private static String insert(Actor actor) {
    return "INSERT INTO " + actor.tenant().table("audit_event") + " (" + COLUMNS + ")"
        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  }

  private Object[] values(Actor actor, AuditAction action, int recordCount, Optional<UUID> target,
      JsonObject details) {
    return new Object[] {UUID.randomUUID(), Timestamps.utc(clock.instant()), actor.userId().orElse(null),
        action.code(), recordCount, actor.requestId().isEmpty() ? null : actor.requestId(), target.orElse(null),
        details};
  }

  @Override
  public Future<Void> record(Actor actor, AuditAction action, int recordCount, Optional<UUID> target) {
    return record(pool, actor, action, recordCount, target, new JsonObject());
  }

  /** A page of events, newest first unless the search sorts, and how many match in all. */
  public Future<Page<AuditEvent>> list(TenantId tenant, Optional<Instant> from, Optional<Instant> to, Optional<String> action,
      Optional<UUID> userId, Search search, Paging paging) {
    Object[] filter = {from.map(Timestamps::utc).orElse(null), to.map(Timestamps::utc).orElse(null),
        action.orElse(null), userId.orElse(null)};
    return Page.search(pool, COLUMNS, tenant.table("audit_event"), FILTER, filter, search, "occurred_at DESC, id",
        paging, rows -> {
          List<AuditEvent> events = new ArrayList<>();
          rows.forEach(row -> events.add(toEvent(row)));
          return events;
        });
  }

  /** Deletes events older than the retention; only this may: the table's trigger checks the transaction-local switch. */
  public static Future<Integer> destroyOlderThan(SqlClient client, TenantId tenant, OffsetDateTime now,
      int auditRetentionDays) {
    return client.query("SELECT set_config('contact_tracing.audit_purge', 'on', true)").execute()
        .compose(on -> client.preparedQuery("DELETE FROM " + tenant.table("audit_event")
            + " WHERE occurred_at < $1::timestamptz - make_interval(days => $2::int)")
            .execute(Tuple.of(now, auditRetentionDays)))
        .compose(deleted -> client.query("SELECT set_config('contact_tracing.audit_purge', 'off', true)").execute()
            .map(off -> deleted.rowCount()));
  }

  private static AuditEvent toEvent(Row row) {
    Object details = row.getValue("details");
    return new AuditEvent(row.getUUID("id"), row.getOffsetDateTime("occurred_at").toInstant(),
        Optional.ofNullable(row.getUUID("user_id")), row.getString("action"), row.getInteger("record_count"),
        Optional.ofNullable(row.getString("request_id")), Optional.ofNullable(row.getUUID("target_id")),
        details instanceof JsonObject json ? json : new JsonObject());
  }

  /** When the earliest event still kept happened, for the transparency report's default start. */
  public static Future<Optional<OffsetDateTime>> firstEventAt(SqlClient client, TenantId tenant) {
    return Earliest.of(client, tenant.table("audit_event"), "occurred_at", OffsetDateTime.class);
  }

  /** Entries released and entries destroyed, as audited in {@code [start, end)}. */
  public record ReleasedAndDestroyed(long released, long destroyed) {
  }

  /** The audited releases' entries and the purges' destroyed entries in {@code [start, end)}. */
  public static Future<ReleasedAndDestroyed> entriesReleasedAndDestroyed(SqlClient client, TenantId tenant,
      OffsetDateTime start, OffsetDateTime end) {
    return client.preparedQuery("SELECT "
            + "coalesce(sum(record_count) FILTER (WHERE action = 'disclosure.release'), 0) AS released, "
            + "coalesce(sum((details->>'contactLogsDestroyed')::bigint) FILTER (WHERE action = 'retention.purge'), 0) "
            + "AS destroyed FROM " + tenant.table("audit_event") + " WHERE occurred_at >= $1 AND occurred_at < $2")
        .execute(Tuple.of(start, end))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new ReleasedAndDestroyed(row.getLong("released"), row.getLong("destroyed"));
        });
  }
}
