package org.folio.contacttracing.paperlog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.disclosure.Hold;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.mandate.MandateStore;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;
import org.folio.contacttracing.platform.db.Earliest;
import org.folio.contacttracing.platform.db.Page;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.tenant.TenantId;

/** The register of paper logs of each tenant, in its {@code paper_log} table. */
public final class PaperLogStore {
  private static final String COLUMNS = "p.id, p.location, p.first_day, p.last_day, p.stored_at, p.mandate_id,"
      + " p.shred_by, p.registered_date, p.registered_by_user_id, p.shredded_date, p.shredded_by_user_id,"
      + " p.witnessed_by_user_id";
  /**
   * The disclosures that hold the unshredded sheet {@code p} at the moment {@code $1}: pending, or approved and
   * unexpired, with a window overlapping the sheet's days and its location among theirs; a hold ends
   * {@code $2} (maxHoldDays) days past shredBy, as it does for entries. The one statement of the rule, for the
   * due list, the refusal to record a shredding and the purge's counts.
   */
  private static final String HELD_BY = "CASE WHEN p.shredded_date IS NULL"
      + " AND NOT " + Hold.overSql("p.shred_by", "$2", "$1") + " THEN ARRAY(SELECT d.id FROM %s d"
      + " WHERE " + Hold.holdsSql("d", "$1", "p.covered_from", "p.covered_until", "p.location") + " ORDER BY d.id)"
      + " ELSE '{}'::uuid[] END";
  /** {@code $3} a status of {@link PaperLog.Status} or null, {@code $4} a location or null. */
  private static final String FILTER = " WHERE ($3::text IS NULL"
      + " OR ($3 = 'kept' AND p.shredded_date IS NULL AND p.shred_by > $1)"
      + " OR ($3 = 'due' AND p.shredded_date IS NULL AND p.shred_by <= $1)"
      + " OR ($3 = 'shredded' AND p.shredded_date IS NOT NULL))"
      + " AND ($4::text IS NULL OR p.location = $4)";

  /** What a {@code query} on paper logs may search and sort by; {@code $1} is the moment the list is answered. */
  static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("id", "p.id", FieldType.UUID),
      SearchField.of("location", "p.location", FieldType.TEXT),
      SearchField.of("firstDay", "p.first_day", FieldType.DATE),
      SearchField.of("lastDay", "p.last_day", FieldType.DATE),
      SearchField.of("storedAt", "p.stored_at", FieldType.TEXT),
      SearchField.of("mandateId", "p.mandate_id", FieldType.UUID),
      SearchField.of("shredBy", "p.shred_by", FieldType.TIMESTAMP),
      // the same rule as PaperLog.status and the status filter
      SearchField.oneOf("status", "(CASE WHEN p.shredded_date IS NOT NULL THEN 'shredded'"
          + " WHEN p.shred_by <= $1::timestamptz THEN 'due' ELSE 'kept' END)", List.of("kept", "due", "shredded")),
      SearchField.of("registeredDate", "p.registered_date", FieldType.TIMESTAMP),
      // what Stripes sorts new records by; a sheet's record is created when it is registered
      SearchField.of("metadata.createdDate", "p.registered_date", FieldType.TIMESTAMP),
      SearchField.of("metadata.createdByUserId", "p.registered_by_user_id", FieldType.UUID),
      SearchField.of("registeredByUserId", "p.registered_by_user_id", FieldType.UUID),
      SearchField.of("shreddedDate", "p.shredded_date", FieldType.TIMESTAMP),
      SearchField.of("shreddedByUserId", "p.shredded_by_user_id", FieldType.UUID),
      SearchField.of("witnessedByUserId", "p.witnessed_by_user_id", FieldType.UUID));

  private static String selectFrom(TenantId tenant) {
    return "SELECT " + COLUMNS + ", " + String.format(HELD_BY, tenant.table("disclosure")) + " AS held_by FROM "
        + tenant.table("paper_log") + " p";
  }

  /**
   * Within the caller's transaction, the mandate a sheet is registered under, locked against change until the
   * sheet is stored, so that a concurrent shortening of its retention reaches the sheet.
   */
  public Future<Optional<Mandate>> mandateForShare(SqlClient client, TenantId tenant, UUID mandateId) {
    return client.preparedQuery("SELECT " + MandateStore.columns("m") + " FROM " + tenant.table("mandate") + " m"
            + " WHERE m.id = $1 FOR SHARE")
        .execute(Tuple.of(mandateId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(MandateStore.toMandate(rows.iterator().next())));
  }

  /** Stores a new sheet with the moments its first and last library day begin and end. */
  public Future<Void> insert(SqlClient client, TenantId tenant, PaperLog log, Instant coveredFrom,
      Instant coveredUntil) {
    return client.preparedQuery("INSERT INTO " + tenant.table("paper_log") + " (id, location, first_day, last_day,"
            + " covered_from, covered_until, stored_at, mandate_id, shred_by, registered_date, registered_by_user_id)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .execute(Tuple.from(new Object[] {log.id(), log.location(), log.firstDay(), log.lastDay(),
            Timestamps.utc(coveredFrom), Timestamps.utc(coveredUntil), log.storedAt(), log.mandateId(),
            Timestamps.utc(log.shredBy()), Timestamps.utc(log.registeredDate()), log.registeredBy()}))
        .mapEmpty();
  }

  /** One sheet as of {@code now}; with {@code forUpdate}, locked until the caller's transaction ends. */
  public Future<Optional<PaperLog>> find(SqlClient client, TenantId tenant, UUID id, Instant now, int maxHoldDays,
      boolean forUpdate) {
    return client.preparedQuery(selectFrom(tenant) + " WHERE p.id = $3" + (forUpdate ? " FOR UPDATE OF p" : ""))
        .execute(Tuple.of(Timestamps.utc(now), maxHoldDays, id))
        .map(rows -> map(rows).stream().findFirst());
  }

  /** A page of sheets, the earliest shredBy first unless the search sorts, and how many match in all. */
  public Future<Page<PaperLog>> list(SqlClient client, TenantId tenant, Optional<PaperLog.Status> status,
      Optional<String> location, Instant now, int maxHoldDays, Search search, Paging paging) {
    Object[] filter = {Timestamps.utc(now), maxHoldDays, status.map(PaperLog.Status::code).orElse(null),
        location.orElse(null)};
    // $2 in the count too: PostgreSQL cannot type a parameter that a statement does not use
    return Page.search(client, COLUMNS + ", " + String.format(HELD_BY, tenant.table("disclosure")) + " AS held_by",
        tenant.table("paper_log") + " p", FILTER + " AND $2::int IS NOT NULL", filter, search, "p.shred_by, p.id",
        paging, PaperLogStore::map);
  }

  /** Records the shredding of a sheet not shredded yet. @return whether it was recorded */
  public Future<Boolean> recordShredding(SqlClient client, TenantId tenant, UUID id, PaperLog.Shredding shredding) {
    return client.preparedQuery("UPDATE " + tenant.table("paper_log") + " SET shredded_date = $2,"
            + " shredded_by_user_id = $3, witnessed_by_user_id = $4 WHERE id = $1 AND shredded_date IS NULL")
        .execute(Tuple.of(id, Timestamps.utc(shredding.date()), shredding.shreddedBy(), shredding.witnessedBy()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Sheets past shredBy and not shredded at {@code now}: those no disclosure holds are overdue. */
  public record Due(int overdue, int held) {
  }

  public Future<Due> due(SqlClient client, TenantId tenant, Instant now, int maxHoldDays) {
    return client.preparedQuery("SELECT count(*) FILTER (WHERE cardinality(held_by) = 0) AS overdue,"
            + " count(*) FILTER (WHERE cardinality(held_by) > 0) AS held FROM (SELECT "
            + String.format(HELD_BY, tenant.table("disclosure")) + " AS held_by FROM " + tenant.table("paper_log")
            + " p WHERE p.shredded_date IS NULL AND p.shred_by <= $1) due")
        .execute(Tuple.of(Timestamps.utc(now), maxHoldDays))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Due(row.getLong("overdue").intValue(), row.getLong("held").intValue());
        });
  }

  /**
   * Within a mandate change's transaction: unshredded sheets kept under the mandate get the shredBy its new
   * retention gives, when that is earlier; never a later one.
   *
   * @param shredBy the shredBy of a sheet whose latest covered day is the argument
   * @return how many sheets moved
   */
  public Future<Integer> shredNoLaterThan(SqlClient client, TenantId tenant, UUID mandateId,
      java.util.function.Function<LocalDate, Instant> shredBy) {
    return client.preparedQuery("SELECT DISTINCT last_day FROM " + tenant.table("paper_log")
            + " WHERE mandate_id = $1 AND shredded_date IS NULL")
        .execute(Tuple.of(mandateId))
        .compose(rows -> {
          List<LocalDate> days = new ArrayList<>();
          rows.forEach(row -> days.add(row.getLocalDate(0)));
          if (days.isEmpty()) {
            return Future.succeededFuture(0);
          }
          return client.preparedQuery("UPDATE " + tenant.table("paper_log") + " p SET shred_by = t.due"
                  + " FROM unnest($2::date[], $3::timestamptz[]) AS t(day, due)"
                  + " WHERE p.mandate_id = $1 AND p.shredded_date IS NULL AND p.last_day = t.day AND p.shred_by > t.due")
              .execute(Tuple.of(mandateId).addArrayOfLocalDate(days.toArray(LocalDate[]::new))
                  .addArrayOfOffsetDateTime(days.stream().map(day -> Timestamps.utc(shredBy.apply(day)))
                      .toArray(OffsetDateTime[]::new)))
              .map(RowSet::rowCount);
        });
  }

  private static List<PaperLog> map(RowSet<Row> rows) {
    List<PaperLog> logs = new ArrayList<>();
    rows.forEach(row -> logs.add(toPaperLog(row)));
    return logs;
  }

  private static PaperLog toPaperLog(Row row) {
    Optional<PaperLog.Shredding> shredding = Optional.ofNullable(row.getOffsetDateTime("shredded_date"))
        .map(date -> new PaperLog.Shredding(date.toInstant(), row.getUUID("shredded_by_user_id"),
            row.getUUID("witnessed_by_user_id")));
    UUID[] heldBy = row.getArrayOfUUIDs("held_by");
    return new PaperLog(
        row.getUUID("id"),
        row.getString("location"),
        row.getLocalDate("first_day"),
        row.getLocalDate("last_day"),
        row.getString("stored_at"),
        row.getUUID("mandate_id"),
        row.getOffsetDateTime("shred_by").toInstant(),
        row.getOffsetDateTime("registered_date").toInstant(),
        row.getUUID("registered_by_user_id"),
        shredding,
        heldBy == null ? List.of() : Arrays.asList(heldBy));
  }

  /** When the earliest sheet still in the register was registered, for the transparency report's default start. */
  public static Future<Optional<OffsetDateTime>> firstRegisteredAt(SqlClient client, TenantId tenant) {
    return Earliest.of(client, tenant.table("paper_log"), "registered_date", OffsetDateTime.class);
  }

  /** Sheets registered and sheets shredded in {@code [start, end)}. */
  public record RegisteredAndShredded(long registered, long shredded) {
  }

  /** Sheets registered and shredded in {@code [start, end)}, from the register and its destruction records. */
  public static Future<RegisteredAndShredded> registeredAndShredded(SqlClient client, TenantId tenant,
      OffsetDateTime start, OffsetDateTime end) {
    return client.preparedQuery("SELECT"
            + " count(*) FILTER (WHERE registered_date >= $1 AND registered_date < $2) AS registered,"
            + " count(*) FILTER (WHERE shredded_date >= $1 AND shredded_date < $2) AS shredded FROM "
            + tenant.table("paper_log"))
        .execute(Tuple.of(start, end))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new RegisteredAndShredded(row.getLong("registered"), row.getLong("shredded"));
        });
  }
}
