package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.db.Page;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;

/** Stored visits of each tenant, in its {@code contact_log} table. */
public final class ContactLogStore {
  private static final String COLUMNS = "id, mandate_id, location, visit_day, visited_bucket, bucket_minutes, "
      + "destroy_after, sealed";
  /** Entries with the wrapped key of their day, to decrypt them. */
  private static final String SELECT = "SELECT c.id, c.mandate_id, c.location, c.visit_day, c.visited_bucket, "
      + "c.bucket_minutes, c.destroy_after, c.sealed, k.kek_id, k.wrapped_key FROM %s c JOIN %s k "
      + "ON k.mandate_id = c.mandate_id AND k.visit_day = c.visit_day";
  /** A visit is in a window when its slot overlaps it; open ends are unbounded. */
  private static final String FILTER = " WHERE ($1::text IS NULL OR c.location = $1)"
      + " AND ($2::timestamptz IS NULL OR c.visited_bucket + make_interval(mins => c.bucket_minutes) > $2)"
      + " AND ($3::timestamptz IS NULL OR c.visited_bucket < $3)";

  private final Pool pool;
  private final DataKeyStore keys;

  public ContactLogStore(Pool pool, DataKeyStore keys) {
    this.pool = pool;
    this.keys = keys;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Void> insert(SqlClient client, TenantId tenant, ContactLog entry) {
    return sealed(client, tenant, entry).compose(tuple -> client.preparedQuery("INSERT INTO "
            + tenant.table("contact_log") + " (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(tuple))
        .mapEmpty();
  }

  /** @return false when the entry does not exist */
  public Future<Boolean> update(SqlClient client, TenantId tenant, ContactLog entry) {
    return sealed(client, tenant, entry).compose(tuple -> client.preparedQuery("UPDATE "
            + tenant.table("contact_log") + " SET mandate_id = $2, location = $3, visit_day = $4, visited_bucket = $5, "
            + "bucket_minutes = $6, destroy_after = $7, sealed = $8 WHERE id = $1")
        .execute(tuple))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Optional<ContactLog>> find(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery(select(tenant) + " WHERE c.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> map(tenant, rows).stream().findFirst());
  }

  /** @return false when the entry does not exist */
  public Future<Boolean> delete(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery("DELETE FROM " + tenant.table("contact_log") + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  /** A page of entries in visit order, and how many match in all. */
  public Future<Page<ContactLog>> list(TenantId tenant, Optional<String> location, Optional<Instant> from, Optional<Instant> to,
      int offset, int limit) {
    Object[] filter = {location.orElse(null), from.map(Timestamps::utc).orElse(null),
        to.map(Timestamps::utc).orElse(null)};
    return Page.query(pool, "SELECT count(*) FROM " + tenant.table("contact_log") + " c" + FILTER,
        select(tenant) + FILTER + " ORDER BY c.visited_bucket, c.location, c.id OFFSET $4 LIMIT $5",
        filter, offset, limit, rows -> map(tenant, rows));
  }

  /** Every entry whose slot overlaps {@code [from, to)} at the given locations (none: all), for a release. */
  public Future<List<ContactLog>> inWindow(SqlClient client, TenantId tenant, Instant from, Instant to,
      List<String> locations) {
    return client.preparedQuery(select(tenant)
            + " WHERE c.visited_bucket < $2 AND c.visited_bucket + make_interval(mins => c.bucket_minutes) > $1"
            + " AND (cardinality($3::text[]) = 0 OR c.location = ANY($3))"
            + " ORDER BY c.visited_bucket, c.location, c.id")
        .execute(Tuple.of(Timestamps.utc(from), Timestamps.utc(to), locations.toArray(String[]::new)))
        .map(rows -> map(tenant, rows));
  }

  private static String select(TenantId tenant) {
    return String.format(SELECT, tenant.table("contact_log"), tenant.table("data_key"));
  }

  /** The row's values with the contact details sealed under the day's data key, bound to the entry id. */
  private Future<Tuple> sealed(SqlClient client, TenantId tenant, ContactLog entry) {
    return keys.forDay(client, tenant, entry.mandateId(), entry.bucket().day()).map(key -> Tuple.from(new Object[] {
        entry.id(), entry.mandateId(), entry.location(), entry.bucket().day(), Timestamps.utc(entry.bucket().start()),
        entry.bucket().minutes(), Timestamps.utc(entry.destroyAfter()),
        Buffer.buffer(Aead.seal(key, entry.details().toBytes(), associatedData(entry.id())))}));
  }

  private static byte[] associatedData(UUID id) {
    return id.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Decrypts each row with its day's key, unwrapping every key once per result. */
  private List<ContactLog> map(TenantId tenant, RowSet<Row> rows) {
    Map<String, SecretKey> dayKeys = new HashMap<>();
    List<ContactLog> entries = new ArrayList<>();
    for (Row row : rows) {
      UUID id = row.getUUID("id");
      UUID mandateId = row.getUUID("mandate_id");
      LocalDate day = row.getLocalDate("visit_day");
      SecretKey key = dayKeys.computeIfAbsent(mandateId + "/" + day, k -> keys.unwrap(tenant, mandateId, day, row));
      entries.add(new ContactLog(
          id,
          mandateId,
          row.getString("location"),
          new TimeBucket(row.getOffsetDateTime("visited_bucket").toInstant(), row.getInteger("bucket_minutes"), day),
          row.getOffsetDateTime("destroy_after").toInstant(),
          ContactDetails.fromBytes(Aead.open(key, row.getBuffer("sealed").getBytes(), associatedData(id)))));
    }
    return entries;
  }

}
