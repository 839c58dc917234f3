package org.folio.contacttracing.disclosure;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;
import org.folio.contacttracing.platform.db.Earliest;
import org.folio.contacttracing.platform.db.Page;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.Statute;

/** The accounting of disclosures of each tenant, in its {@code disclosure} table. */
public final class DisclosureStore {
  /** What a {@code query} on disclosures may search and sort by; {@code $3} is the moment the list is answered. */
  static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("id", "id", FieldType.UUID),
      // the status a user sees, Disclosure.status in SQL: an approval past its release window is expired
      SearchField.oneOf("status", Disclosure.statusSql("", "$3::timestamptz"), Disclosure.Status.codes()),
      SearchField.oneOf("recipient.type", "recipient_type", List.of("public-health-agency", "law-enforcement", "other")),
      SearchField.of("recipient.name", "recipient_name", FieldType.TEXT),
      SearchField.of("legalBasis", "legal_basis", FieldType.TEXT),
      SearchField.of("caseReference", "case_reference", FieldType.TEXT),
      SearchField.of("from", "window_from", FieldType.TIMESTAMP),
      SearchField.of("to", "window_to", FieldType.TIMESTAMP),
      SearchField.of("requestedByUserId", "requested_by_user_id", FieldType.UUID),
      SearchField.of("requestedDate", "requested_date", FieldType.TIMESTAMP),
      // what Stripes sorts new records by; a request is created when it is made
      SearchField.of("metadata.createdDate", "requested_date", FieldType.TIMESTAMP),
      SearchField.of("metadata.createdByUserId", "requested_by_user_id", FieldType.UUID),
      SearchField.oneOf("decision", "decision", List.of("approve", "deny")),
      SearchField.of("decidedByUserId", "decided_by_user_id", FieldType.UUID),
      SearchField.of("decidedDate", "decided_date", FieldType.TIMESTAMP),
      SearchField.of("releaseExpiresAt", "release_expires_at", FieldType.TIMESTAMP),
      SearchField.of("releaseCount", "release_count", FieldType.INTEGER),
      SearchField.of("lastReleasedDate", "last_released_date", FieldType.TIMESTAMP));
  private static final String COLUMNS = "id, status, refusal_reason, recipient_type, recipient_name, "
      + "recipient_contact, legal_basis, statute_provision, statute_citation, statute_url, case_reference, window_from, window_to, locations, requested_by_user_id, "
      + "requested_date, decision, decided_by_user_id, decided_date, decision_note, release_expires_at, "
      + "release_count, entries_released, declines_released, last_released_date, last_released_by_user_id";
  /** Status as users see it, with approvals past their release window shown as expired. */
  private static final String FILTER = " WHERE ($1::text IS NULL OR " + Disclosure.statusSql("", "$3::timestamptz")
      + " = $1)"
      + " AND ($2::text IS NULL OR recipient_type = $2)";

  private final Pool pool;

  public DisclosureStore(Pool pool) {
    this.pool = pool;
  }

  /** {@code work} in one transaction: committed when it succeeds, rolled back when it fails. */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work);
  }

  public Future<Void> insert(SqlClient client, TenantId tenant, Disclosure d) {
    return client.preparedQuery("INSERT INTO " + tenant.table("disclosure") + " (id, status, refusal_reason, "
            + "recipient_type, recipient_name, recipient_contact, legal_basis, case_reference, window_from, window_to, "
            + "locations, requested_by_user_id, requested_date, statute_provision, statute_citation, statute_url) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
        .execute(Tuple.from(new Object[] {d.id(), d.status().code(), d.refusalReason().orElse(null), d.recipient().type(),
            d.recipient().name(), d.recipient().contact().orElse(null), d.legalBasis(), d.caseReference(),
            Timestamps.utc(d.from()), Timestamps.utc(d.to()), d.locations().toArray(String[]::new), d.requestedBy(),
            Timestamps.utc(d.requestedDate()), d.statuteProvision().orElse(null),
            d.statute().map(Statute::citation).orElse(null), d.statute().flatMap(Statute::url).orElse(null)}))
        .mapEmpty();
  }

  public Future<Optional<Disclosure>> find(TenantId tenant, UUID id) {
    return find(pool, tenant, id);
  }

  public Future<Optional<Disclosure>> find(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("disclosure") + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toDisclosure(rows.iterator().next())));
  }

  /** The disclosure, locked until the transaction ends: releases of one disclosure happen one after the other. */
  public Future<Optional<Disclosure>> findForRelease(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("disclosure")
            + " WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toDisclosure(rows.iterator().next())));
  }

  public Future<Optional<ReleaseRecord>> findRelease(SqlClient client, TenantId tenant, UUID releaseId) {
    return client.preparedQuery("SELECT id, disclosure_id, released_date, released_by_user_id, entries, declines, "
            + "integrity_failures, coalesce(entry_ids, '{}') AS entry_ids FROM " + tenant.table("disclosure_release")
            + " WHERE id = $1")
        .execute(Tuple.of(releaseId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new ReleaseRecord(row.getUUID("id"), row.getUUID("disclosure_id"),
              instant(row, "released_date"), row.getUUID("released_by_user_id"), row.getInteger("entries"),
              row.getInteger("declines"), row.getInteger("integrity_failures"),
              List.of(row.getArrayOfUUIDs("entry_ids"))));
        });
  }

  /** Records a release and counts it on its disclosure. */
  public Future<Void> insertRelease(SqlClient client, TenantId tenant, ReleaseRecord r) {
    return client.preparedQuery("INSERT INTO " + tenant.table("disclosure_release") + " (id, disclosure_id, "
            + "released_date, released_by_user_id, entries, declines, integrity_failures, entry_ids) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.from(new Object[] {r.id(), r.disclosureId(), Timestamps.utc(r.releasedDate()), r.releasedBy(),
            r.entries(), r.declines(), r.integrityFailures(), r.entryIds().toArray(UUID[]::new)}))
        .compose(inserted -> recordRelease(client, tenant, r.disclosureId(),
            new Disclosure.Release(r.entries(), r.declines(), r.releasedDate(), r.releasedBy())));
  }

  /** Once a release window has closed no retry can come: which entries went out is no longer kept. */
  public static Future<Integer> forgetReleasedEntries(SqlClient client, TenantId tenant, OffsetDateTime now) {
    return client.preparedQuery("UPDATE " + tenant.table("disclosure_release") + " r SET entry_ids = NULL FROM "
            + tenant.table("disclosure") + " d WHERE r.disclosure_id = d.id AND r.entry_ids IS NOT NULL "
            + "AND (d.release_expires_at IS NULL OR " + Disclosure.windowClosedSql("d.release_expires_at", "$1") + ")")
        .execute(Tuple.of(now))
        .map(rows -> rows.rowCount());
  }

  /** Records the decision unless another one got there first. @return whether this decision was recorded */
  public Future<Boolean> decide(SqlClient client, TenantId tenant, UUID id, Disclosure.Decision decision) {
    return client.preparedQuery("UPDATE " + tenant.table("disclosure") + " SET status = $2, decision = $3, "
            + "decided_by_user_id = $4, decided_date = $5, decision_note = $6, release_expires_at = $7 "
            + "WHERE id = $1 AND status = 'pending'")
        .execute(Tuple.from(new Object[] {id, Disclosure.decidedAs(decision.decision()).code(),
            decision.decision(), decision.decidedBy(), Timestamps.utc(decision.decidedDate()), decision.note().orElse(null),
            decision.releaseExpiresAt().map(Timestamps::utc).orElse(null)}))
        .map(rows -> rows.rowCount() == 1);
  }

  private Future<Void> recordRelease(SqlClient client, TenantId tenant, UUID id, Disclosure.Release release) {
    return client.preparedQuery("UPDATE " + tenant.table("disclosure") + " SET release_count = release_count + 1, "
            + "entries_released = $2, declines_released = $3, last_released_date = $4, last_released_by_user_id = $5 "
            + "WHERE id = $1")
        .execute(Tuple.of(id, release.entries(), release.declines(), Timestamps.utc(release.date()), release.releasedBy()))
        .mapEmpty();
  }

  /** A page of disclosures, newest request first, and how many match in all. */
  public Future<Page<Disclosure>> list(TenantId tenant, Optional<String> status, Optional<String> recipientType, Instant now,
      Search search, Paging paging) {
    Object[] filter = {status.orElse(null), recipientType.orElse(null), Timestamps.utc(now)};
    return Page.search(pool, COLUMNS, tenant.table("disclosure"), FILTER, filter, search, "requested_date DESC, id",
        paging, rows -> {
          List<Disclosure> disclosures = new ArrayList<>();
          rows.forEach(row -> disclosures.add(toDisclosure(row)));
          return disclosures;
        });
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static Disclosure toDisclosure(Row row) {
    Optional<Disclosure.Decision> decision = Optional.ofNullable(row.getString("decision"))
        .map(d -> new Disclosure.Decision(d, row.getUUID("decided_by_user_id"), instant(row, "decided_date"),
            Optional.ofNullable(row.getString("decision_note")),
            Optional.ofNullable(instant(row, "release_expires_at"))));
    Optional<Disclosure.Release> release = Optional.ofNullable(instant(row, "last_released_date"))
        .map(date -> new Disclosure.Release(row.getInteger("entries_released"), row.getInteger("declines_released"),
            date, row.getUUID("last_released_by_user_id")));
    return new Disclosure(
        row.getUUID("id"),
        Disclosure.Status.stored(row.getString("status")),
        Optional.ofNullable(row.getString("refusal_reason")),
        new Disclosure.Recipient(row.getString("recipient_type"), row.getString("recipient_name"),
            Optional.ofNullable(row.getString("recipient_contact"))),
        row.getString("legal_basis"),
        Optional.ofNullable(row.getString("statute_provision")),
        Optional.ofNullable(row.getString("statute_citation"))
            .map(citation -> new Statute(citation, Optional.ofNullable(row.getString("statute_url")))),
        row.getString("case_reference"),
        instant(row, "window_from"),
        instant(row, "window_to"),
        List.of(row.getArrayOfStrings("locations")),
        row.getUUID("requested_by_user_id"),
        instant(row, "requested_date"),
        decision,
        row.getInteger("release_count"),
        release);
  }

  /** When the earliest disclosure still kept was requested, for the transparency report's default start. */
  public static Future<Optional<OffsetDateTime>> firstRequestedAt(SqlClient client, TenantId tenant) {
    return Earliest.of(client, tenant.table("disclosure"), "requested_date", OffsetDateTime.class);
  }

  /** How many disclosures of a recipient type were requested in a period and what was decided. */
  public record RequestCount(String recipientType, String outcome, long count) {
  }

  /**
   * Requests in {@code [start, end)} by recipient type and outcome; the outcome is what was decided: an approval
   * stays an approval after its release window has passed.
   */
  public static Future<List<RequestCount>> requestsByRecipientAndOutcome(SqlClient client, TenantId tenant,
      OffsetDateTime start, OffsetDateTime end) {
    return client.preparedQuery("SELECT recipient_type, status AS outcome, count(*) AS n FROM "
            + tenant.table("disclosure") + " WHERE requested_date >= $1 AND requested_date < $2 "
            + "GROUP BY 1, 2 ORDER BY 1, 2")
        .execute(Tuple.of(start, end))
        .map(rows -> {
          List<RequestCount> counts = new ArrayList<>();
          for (Row row : rows) {
            counts.add(new RequestCount(row.getString("recipient_type"), row.getString("outcome"), row.getLong("n")));
          }
          return counts;
        });
  }
}
