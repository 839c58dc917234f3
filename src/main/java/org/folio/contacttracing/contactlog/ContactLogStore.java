package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.tenant.TenantId;

/** Stored visits of each tenant, in its {@code contact_log} table. */
public final class ContactLogStore {
  private static final String COLUMNS = "id, mandate_id, location, visit_day, visited_bucket, bucket_minutes, "
      + "destroy_after, name, phone, email, party_size";
  /** A visit is in a window when its slot overlaps it; open ends are unbounded. */
  private static final String FILTER = " WHERE ($1::text IS NULL OR location = $1)"
      + " AND ($2::timestamptz IS NULL OR visited_bucket + make_interval(mins => bucket_minutes) > $2)"
      + " AND ($3::timestamptz IS NULL OR visited_bucket < $3)";

  private final Pool pool;

  public ContactLogStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Void> insert(SqlClient client, TenantId tenant, ContactLog entry) {
    return client.preparedQuery("INSERT INTO " + tenant.table("contact_log") + " (" + COLUMNS + ") VALUES "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .execute(tuple(entry))
        .mapEmpty();
  }

  /** @return false when the entry does not exist */
  public Future<Boolean> update(SqlClient client, TenantId tenant, ContactLog entry) {
    return client.preparedQuery("UPDATE " + tenant.table("contact_log") + " SET mandate_id = $2, location = $3, "
            + "visit_day = $4, visited_bucket = $5, bucket_minutes = $6, destroy_after = $7, name = $8, phone = $9, "
            + "email = $10, party_size = $11 WHERE id = $1")
        .execute(tuple(entry))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Optional<ContactLog>> find(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("contact_log") + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> map(rows).stream().findFirst());
  }

  /** @return false when the entry does not exist */
  public Future<Boolean> delete(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery("DELETE FROM " + tenant.table("contact_log") + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  /** A page of entries in visit order, and how many match in all. */
  public Future<Page> list(TenantId tenant, Optional<String> location, Optional<Instant> from, Optional<Instant> to,
      int offset, int limit) {
    Object[] filter = {location.orElse(null), from.map(ContactLogStore::utc).orElse(null),
        to.map(ContactLogStore::utc).orElse(null)};
    Future<Integer> total = pool.preparedQuery("SELECT count(*) FROM " + tenant.table("contact_log") + FILTER)
        .execute(Tuple.from(filter))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
    if (limit == 0) {
      return total.map(count -> new Page(List.of(), count));
    }
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("contact_log") + FILTER
            + " ORDER BY visited_bucket, location, id OFFSET $4 LIMIT $5")
        .execute(Tuple.from(filter).addInteger(offset).addInteger(limit))
        .compose(rows -> total.map(count -> new Page(map(rows), count)));
  }

  /** Every entry whose slot overlaps {@code [from, to)} at the given locations (none: all), for a release. */
  public Future<List<ContactLog>> inWindow(SqlClient client, TenantId tenant, Instant from, Instant to,
      List<String> locations) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("contact_log")
            + " WHERE visited_bucket < $2 AND visited_bucket + make_interval(mins => bucket_minutes) > $1"
            + " AND (cardinality($3::text[]) = 0 OR location = ANY($3))"
            + " ORDER BY visited_bucket, location, id")
        .execute(Tuple.of(utc(from), utc(to), locations.toArray(String[]::new)))
        .map(ContactLogStore::map);
  }

  private static Tuple tuple(ContactLog entry) {
    ContactDetails d = entry.details();
    return Tuple.from(new Object[] {
        entry.id(), entry.mandateId(), entry.location(), entry.bucket().day(), utc(entry.bucket().start()),
        entry.bucket().minutes(), utc(entry.destroyAfter()), d.name().orElse(null), d.phone().orElse(null),
        d.email().orElse(null), d.partySize().orElse(null)});
  }

  private static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static List<ContactLog> map(RowSet<Row> rows) {
    List<ContactLog> entries = new ArrayList<>();
    for (Row row : rows) {
      entries.add(new ContactLog(
          row.getUUID("id"),
          row.getUUID("mandate_id"),
          row.getString("location"),
          new TimeBucket(row.getOffsetDateTime("visited_bucket").toInstant(), row.getInteger("bucket_minutes"),
              row.getLocalDate("visit_day")),
          row.getOffsetDateTime("destroy_after").toInstant(),
          new ContactDetails(Optional.ofNullable(row.getString("name")), Optional.ofNullable(row.getString("phone")),
              Optional.ofNullable(row.getString("email")), Optional.ofNullable(row.getInteger("party_size")))));
    }
    return entries;
  }

  /** One page of entries and the number of all matching entries. */
  public record Page(List<ContactLog> entries, int totalRecords) {
  }
}
