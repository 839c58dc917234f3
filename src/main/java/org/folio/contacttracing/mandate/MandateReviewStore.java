package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;
import org.folio.contacttracing.platform.db.Earliest;
import org.folio.contacttracing.platform.db.Page;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.tenant.TenantId;

/** Reviews of each tenant's mandates, in its {@code mandate_review} table. */
public final class MandateReviewStore {
  private static final String COLUMNS = "id, mandate_id, reviewed_on, contact_name, contact_role, outcome, "
      + "next_review_by, end_on, note, created_date, created_by_user_id";
  /** Newest review first: the latest check-in, and of two on one day the one recorded last. */
  private static final String NEWEST_FIRST = " ORDER BY reviewed_on DESC, created_date DESC, id";

  /** What a {@code query} on a mandate's reviews may search and sort by; the authority's contact and the note not. */
  static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("id", "id", FieldType.UUID),
      SearchField.of("mandateId", "mandate_id", FieldType.UUID),
      SearchField.of("reviewedOn", "reviewed_on", FieldType.DATE),
      SearchField.oneOf("outcome", "outcome", List.of("continue", "amend", "end")),
      SearchField.of("nextReviewBy", "next_review_by", FieldType.DATE),
      SearchField.of("endOn", "end_on", FieldType.DATE),
      SearchField.of("metadata.createdDate", "created_date", FieldType.TIMESTAMP),
      SearchField.of("metadata.createdByUserId", "created_by_user_id", FieldType.UUID));

  private final Pool pool;

  public MandateReviewStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores a review in the transaction that changes its mandate. */
  Future<Void> insert(SqlClient client, TenantId tenant, MandateReview review) {
    Metadata metadata = review.metadata().orElseThrow();
    return client.preparedQuery("INSERT INTO " + tenant.table("mandate_review") + " (" + COLUMNS + ") VALUES "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .execute(Tuple.from(new Object[] {
            review.id(), review.mandateId(), review.reviewedOn(), review.contactName(), review.contactRole(),
            review.outcome().code(), review.nextReviewBy().orElse(null), review.endOn().orElse(null),
            review.note().orElse(null), metadata.createdAt(), metadata.createdByUserId().orElse(null)}))
        .mapEmpty();
  }

  /** A page of a mandate's reviews, newest first unless the search sorts. */
  Future<Page<MandateReview>> list(TenantId tenant, UUID mandateId, Search search, Paging paging) {
    return Page.search(pool, COLUMNS, tenant.table("mandate_review"), " WHERE mandate_id = $1",
        new Object[] {mandateId}, search, NEWEST_FIRST.substring(" ORDER BY ".length()), paging, MandateReviewStore::map);
  }

  Future<Optional<MandateReview>> find(TenantId tenant, UUID mandateId, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("mandate_review")
            + " WHERE mandate_id = $1 AND id = $2")
        .execute(Tuple.of(mandateId, id))
        .map(rows -> map(rows).stream().findFirst());
  }

  /** The latest review of every mandate that has one, by mandate id. */
  Future<Map<UUID, MandateReview>> latestByMandate(TenantId tenant) {
    return pool.preparedQuery("SELECT DISTINCT ON (mandate_id) " + COLUMNS + " FROM " + tenant.table("mandate_review")
            + " ORDER BY mandate_id, reviewed_on DESC, created_date DESC, id")
        .execute()
        .map(rows -> {
          Map<UUID, MandateReview> latest = new HashMap<>();
          map(rows).forEach(review -> latest.put(review.mandateId(), review));
          return latest;
        });
  }

  private static List<MandateReview> map(RowSet<Row> rows) {
    List<MandateReview> reviews = new ArrayList<>();
    for (Row row : rows) {
      Instant created = row.getOffsetDateTime("created_date").toInstant();
      reviews.add(new MandateReview(
          row.getUUID("id"),
          row.getUUID("mandate_id"),
          row.getLocalDate("reviewed_on"),
          row.getString("contact_name"),
          row.getString("contact_role"),
          MandateReview.Outcome.ofCode(row.getString("outcome")).orElseThrow(),
          Optional.ofNullable(row.getLocalDate("next_review_by")),
          Optional.ofNullable(row.getLocalDate("end_on")),
          Optional.ofNullable(row.getString("note")),
          Optional.of(Metadata.created(created, Optional.ofNullable(row.getUUID("created_by_user_id"))))));
    }
    return reviews;
  }

  /** The day of the earliest review still kept, for the transparency report's default start. */
  public static Future<Optional<LocalDate>> firstReviewDay(SqlClient client, TenantId tenant) {
    return Earliest.of(client, tenant.table("mandate_review"), "reviewed_on", LocalDate.class);
  }

  /** Reviews held on the library days {@code [from, to]}, and the mandates a review ended on one of them. */
  public record HeldAndEnded(long held, long ended) {
  }

  /** Check-ins with the authority counted by their library days: held in the period, and ending logging in it. */
  public static Future<HeldAndEnded> reviewsHeldAndEnded(SqlClient client, TenantId tenant, LocalDate from,
      LocalDate to) {
    return client.preparedQuery("SELECT "
            + "count(*) FILTER (WHERE reviewed_on BETWEEN $1 AND $2) AS held, "
            + "count(DISTINCT mandate_id) FILTER (WHERE outcome = 'end' AND end_on BETWEEN $1 AND $2) AS ended FROM "
            + tenant.table("mandate_review"))
        .execute(Tuple.of(from, to))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new HeldAndEnded(row.getLong("held"), row.getLong("ended"));
        });
  }
}
