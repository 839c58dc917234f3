package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.AdmissionStamp;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SqlSearch;
import org.folio.contacttracing.platform.db.Destroyed;
import org.folio.contacttracing.platform.db.Page;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.db.Transactions;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.LegalCounsel;

/** Stored visits of each tenant, in its {@code contact_log} table. */
public final class ContactLogStore {
  private static final String COLUMNS = "id, mandate_id, location, visit_day, visited_bucket, bucket_minutes, "
      + "destroy_after, sealed";
  /** Entries with the wrapped key of their day, to decrypt them. */
  private static final String SELECT = "SELECT c.id, c.mandate_id, c.location, c.visit_day, c.visited_bucket, "
      + "c.bucket_minutes, c.destroy_after, c.sealed, k.kek_id, k.wrapped_key FROM %s c JOIN %s k "
      + "ON k.mandate_id = c.mandate_id AND k.visit_day = c.visit_day";
  /**
   * A visit is in a window when its slot overlaps {@code [from, to)}. Besides the exact test, the slot start and
   * the library day are bounded on both sides, so that the indexes are used and only the day partitions the
   * window covers are read: the cost follows the window, not the size of the log.
   */
  private static final String OVERLAPS_FROM = " AND c.visited_bucket > %1$s"
      + " AND c.visited_bucket + make_interval(mins => c.bucket_minutes) > %2$s AND c.visit_day >= %3$s";
  private static final String BEFORE_TO = " AND c.visited_bucket < %1$s AND c.visit_day <= %2$s";

  private final Pool pool;
  private final DataKeyStore keys;

  public ContactLogStore(Pool pool, DataKeyStore keys) {
    this.pool = pool;
    this.keys = keys;
  }

  public Pool pool() {
    return pool;
  }

  /**
   * Runs a write of entries in a transaction. When the entry's day has no partition yet (the first visit of a
   * day, or one logged late for a day without any), or its day's key was destroyed by a concurrent deletion of
   * the day's last entry, the transaction is rolled back, the partition created, and the write run once more.
   */
  public <T> Future<T> inTransaction(TenantId tenant, Function<SqlConnection, Future<T>> work) {
    return retryingOnce(tenant, () -> Transactions.pipelined(pool, work));
  }

  /** Runs a write, and once more after creating the missing partition when it failed for the lack of one. */
  public <T> Future<T> retryingOnce(TenantId tenant, Supplier<Future<T>> write) {
    return write.get().recover(failure -> failure instanceof RetryableWrite retry
        ? createPartition(tenant, retry.day).compose(created -> write.get())
        : Future.failedFuture(failure));
  }

  /**
   * An admitted entry, sealed, waiting to be stored with what its admission rested on: the stamps of its mandate and
   * the settings, and its day's key as stored (wrapped).
   */
  record Pending(ContactLog entry, byte[] sealed, AdmissionStamp stamp, DataKeyWrapper.Wrapped key) {
  }

  /**
   * Stores, by one statement and so in one transaction, those of the entries whose admission still holds
   * ({@link AdmissionStamp#holds}) and whose day's key is still the one they were sealed under (same KEK, same
   * wrapped bytes). The key's row is locked ({@code FOR KEY SHARE}, as the foreign key does) until the entries are
   * stored, so a key destroyed meanwhile fails the check and none can be destroyed after it. The statement writes
   * nothing else, so no row ties an entry to anything but the entries stored with it.
   *
   * @return the ids stored; the others' admission no longer holds, and they must be admitted anew
   */
  Future<Set<UUID>> insertAdmitted(SqlClient client, TenantId tenant, List<Pending> batch) {
    if (batch.size() == 1) {
      return insertOne(client, tenant, batch.get(0));
    }
    int size = batch.size();
    UUID[] ids = new UUID[size];
    UUID[] mandates = new UUID[size];
    String[] locations = new String[size];
    LocalDate[] days = new LocalDate[size];
    OffsetDateTime[] buckets = new OffsetDateTime[size];
    Integer[] minutes = new Integer[size];
    OffsetDateTime[] destroyAfter = new OffsetDateTime[size];
    Buffer[] sealed = new Buffer[size];
    UUID[] mandateStamps = new UUID[size];
    String[] kekIds = new String[size];
    Buffer[] wrapped = new Buffer[size];
    for (int i = 0; i < size; i++) {
      Pending pending = batch.get(i);
      ContactLog entry = pending.entry();
      ids[i] = entry.id();
      mandates[i] = entry.mandateId();
      locations[i] = entry.location();
      days[i] = entry.bucket().day();
      buckets[i] = Timestamps.utc(entry.bucket().start());
      minutes[i] = entry.bucket().minutes();
      destroyAfter[i] = Timestamps.utc(entry.destroyAfter());
      sealed[i] = Buffer.buffer(pending.sealed());
      mandateStamps[i] = pending.stamp().mandateStamp();
      kekIds[i] = pending.key().kekId();
      wrapped[i] = Buffer.buffer(pending.key().bytes());
    }
    return client.preparedQuery("WITH v AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[],"
            + " $5::timestamptz[], $6::integer[], $7::timestamptz[], $8::bytea[], $9::uuid[], $10::text[],"
            + " $11::bytea[]) AS v(id, mandate_id, location, visit_day, visited_bucket, bucket_minutes,"
            + " destroy_after, sealed, mandate_stamp, kek_id, wrapped_key)),"
            // each admission checked once, however many entries share it, the mandates locked in the order of their
            // ids, as a settings change locks them (V18), so that the two never wait for each other in a circle
            + " held AS MATERIALIZED (SELECT a.* FROM (SELECT DISTINCT mandate_id, mandate_stamp FROM v ORDER BY"
            + " mandate_id) a"
            + " WHERE " + AdmissionStamp.holds(tenant, "a.mandate_id", "a.mandate_stamp") + "),"
            + " k AS (SELECT d.mandate_id, d.visit_day, d.kek_id, d.wrapped_key FROM " + tenant.table("data_key")
            + " d WHERE (d.mandate_id, d.visit_day) IN (SELECT mandate_id, visit_day FROM v) FOR KEY SHARE)"
            + " INSERT INTO " + tenant.table("contact_log") + " (" + COLUMNS + ")"
            + " SELECT v.id, v.mandate_id, v.location, v.visit_day, v.visited_bucket, v.bucket_minutes,"
            + " v.destroy_after, v.sealed FROM v JOIN held USING (mandate_id, mandate_stamp)"
            + " JOIN k ON k.mandate_id = v.mandate_id AND k.visit_day = v.visit_day AND k.kek_id = v.kek_id"
            + " AND k.wrapped_key = v.wrapped_key RETURNING id")
        .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfUUID(mandates).addArrayOfString(locations)
            .addArrayOfLocalDate(days).addArrayOfOffsetDateTime(buckets).addArrayOfInteger(minutes)
            .addArrayOfOffsetDateTime(destroyAfter).addArrayOfBuffer(sealed).addArrayOfUUID(mandateStamps)
            .addArrayOfString(kekIds).addArrayOfBuffer(wrapped))
        .map(rows -> {
          Set<UUID> stored = new HashSet<>();
          rows.forEach(row -> stored.add(row.getUUID(0)));
          return stored;
        });
  }

  /**
   * {@link #insertAdmitted} for an entry alone (a quiet desk, or a retry after a failed batch): the same checks by
   * a plain single-row statement, which costs PostgreSQL far less than unnesting arrays.
   */
  private Future<Set<UUID>> insertOne(SqlClient client, TenantId tenant, Pending pending) {
    ContactLog entry = pending.entry();
    Tuple tuple = Tuple.of(entry.id(), entry.mandateId(), entry.location(), entry.bucket().day(),
        Timestamps.utc(entry.bucket().start()), entry.bucket().minutes(), Timestamps.utc(entry.destroyAfter()),
        Buffer.buffer(pending.sealed()));
    pending.stamp().addTo(tuple).addString(pending.key().kekId()).addBuffer(Buffer.buffer(pending.key().bytes()));
    return client.preparedQuery("INSERT INTO " + tenant.table("contact_log") + " (" + COLUMNS + ")"
            + " SELECT $1::uuid, $2::uuid, $3::text, $4::date, $5::timestamptz, $6::integer, $7::timestamptz,"
            + " $8::bytea WHERE " + AdmissionStamp.holds(tenant, 9)
            + " AND EXISTS (SELECT 1 FROM " + tenant.table("data_key") + " k WHERE k.mandate_id = $2 AND"
            + " k.visit_day = $4 AND k.kek_id = $11::text AND k.wrapped_key = $12::bytea FOR KEY SHARE)")
        .execute(tuple)
        .map(rows -> rows.rowCount() == 0 ? Set.<UUID>of() : Set.of(entry.id()))
        .recover(failure -> Future.failedFuture(retryable(failure, entry.bucket().day())));
  }

  /** Creates the day's partition unless it exists; the hourly purge creates the coming days' ahead. */
  public Future<Void> createPartition(TenantId tenant, LocalDate day) {
    return pool.preparedQuery("SELECT " + tenant.table("contact_log_partition") + "($1)")
        .execute(Tuple.of(day))
        .mapEmpty();
  }

  /** Creates the mandate's key of the day unless it exists, by a statement of its own. */
  public Future<Void> createKey(SqlClient client, TenantId tenant, UUID mandateId, LocalDate day) {
    return keys.forDay(client, tenant, mandateId, day).mapEmpty();
  }

  /**
   * Replaces an entry, possibly moving it to another day, while its admission holds; the old day's key goes when no
   * entry uses it any more.
   *
   * @return false when the admission no longer holds, and nothing was changed
   */
  public Future<Boolean> update(SqlClient client, TenantId tenant, ContactLog existing, ContactLog entry,
      AdmissionStamp admitted) {
    return sealed(client, tenant, entry).compose(tuple -> client.preparedQuery("UPDATE "
            + tenant.table("contact_log") + " SET mandate_id = $2, location = $3, visit_day = $4, visited_bucket = $5, "
            + "bucket_minutes = $6, destroy_after = $7, sealed = $8 WHERE id = $1 AND visit_day = $9 AND "
            + AdmissionStamp.holds(tenant, 10))
        .execute(admitted.addTo(tuple.addLocalDate(existing.bucket().day()))))
        .recover(failure -> Future.failedFuture(retryable(failure, entry.bucket().day())))
        .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(false)
            : followUpdate(client, tenant, existing, entry).map(true));
  }

  private Future<Void> followUpdate(SqlClient client, TenantId tenant, ContactLog existing, ContactLog entry) {
    // the old version stays in the partition's files as a dead row until the purge rewrites it, and the new one
    // carries this transaction's id until then
    return PendingErasure.mark(client, tenant, PendingErasure.CONTACT_LOG, existing.bucket().day())
        .compose(marked -> existing.bucket().day().equals(entry.bucket().day()) ? Future.succeededFuture()
            : PendingErasure.mark(client, tenant, PendingErasure.CONTACT_LOG, entry.bucket().day()))
        .compose(marked -> existing.mandateId().equals(entry.mandateId())
                && existing.bucket().day().equals(entry.bucket().day())
            ? Future.succeededFuture()
            : keys.destroyIfUnused(client, tenant, existing.mandateId(), existing.bucket().day()));
  }

  /**
   * The entry of this id, if there is one.
   *
   * @return failed with {@link IntegrityCheckFailed} when its row no longer matches its seal
   */
  public Future<Optional<ContactLog>> find(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery(select(tenant) + " WHERE c.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> map(tenant, rows).stream().findFirst().map(read -> {
          if (read instanceof ReadBack.Refused refused) {
            throw new IntegrityCheckFailed(refused.failure());
          }
          return ((ReadBack.Intact) read).entry();
        }));
  }

  /**
   * The receipt of the entry of this id, if there is one. The entry is opened here, in the module, only to learn
   * which fields it holds (a mandate may make some optional); the receipt carries their names, never a value.
   *
   * @return failed with {@link IntegrityCheckFailed} when its row no longer matches its seal
   */
  public Future<Optional<VisitReceipt>> receipt(TenantId tenant, UUID id, ZoneId zone,
      Optional<LegalCounsel> ask) {
    return find(pool, tenant, id).map(found -> found.map(entry -> {
      List<ContactField> fields = new ArrayList<>();
      entry.details().present().forEach((field, given) -> {
        if (given) {
          fields.add(field);
        }
      });
      fields.sort(Comparator.naturalOrder());
      return new VisitReceipt(id, entry.location(), entry.bucket(), entry.destroyAfter(), fields, zone, ask);
    }));
  }

  /**
   * The entries of a mandate's day, as read back, locked until the caller's transaction ends: to re-seal them.
   */
  Future<List<ReadBack>> lockedForMandateDay(SqlClient client, TenantId tenant, UUID mandateId, LocalDate day) {
    return client.preparedQuery(select(tenant) + " WHERE c.mandate_id = $1 AND c.visit_day = $2 FOR UPDATE OF c")
        .execute(Tuple.of(mandateId, day))
        .map(rows -> map(tenant, rows));
  }

  /**
   * Deletes an entry, and its day's key when it was the day's last entry.
   *
   * @return false when the entry does not exist
   */
  public Future<Boolean> delete(SqlClient client, TenantId tenant, UUID id) {
    return client.preparedQuery("DELETE FROM " + tenant.table("contact_log") + " WHERE id = $1"
            + " RETURNING mandate_id, visit_day")
        .execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Row row = rows.iterator().next();
          LocalDate day = row.getLocalDate("visit_day");
          return PendingErasure.mark(client, tenant, PendingErasure.CONTACT_LOG, day)
              .compose(marked -> keys.destroyIfUnused(client, tenant, row.getUUID("mandate_id"), day))
              .map(true);
        });
  }

  /**
   * A page of entries in visit order, and how many match in all; entries refused by their seal are left out of the
   * page (and counted in the total) and answered as failures.
   */
  public Future<Checked<Page<ContactLog>>> list(TenantId tenant, Optional<String> location, Optional<Instant> from, Optional<Instant> to,
      Search search, Paging paging) {
    // only the filters given: a plan with "$1 IS NULL OR ..." could use no index
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE true");
    location.ifPresent(value -> where.append(" AND c.location = ").append(parameter(params, value)));
    from.ifPresent(value -> where.append(String.format(OVERLAPS_FROM,
        parameter(params, Timestamps.utc(TimeBucket.earliestStartOverlapping(value))),
        parameter(params, Timestamps.utc(value)), parameter(params, TimeBucket.firstDayOverlapping(value)))));
    to.ifPresent(value -> where.append(String.format(BEFORE_TO, parameter(params, Timestamps.utc(value)),
        parameter(params, TimeBucket.lastDayBefore(value)))));
    SqlSearch query = search.sql(params.size() + 1);
    where.append(" AND ").append(query.condition());
    params.addAll(query.params());
    int next = params.size() + 1;
    return Page.query(pool, "SELECT count(*) FROM " + tenant.table("contact_log") + " c" + where,
        select(tenant) + where + " ORDER BY " + query.orderBy("c.visited_bucket, c.location, c.id") + " OFFSET $" + next
            + " LIMIT $" + (next + 1),
        params.toArray(), paging.offset(), paging.limit(), rows -> map(tenant, rows))
        .map(page -> Checked.of(page.records()).map(entries -> new Page<>(entries, page.totalRecords())));
  }

  /**
   * Every entry whose slot overlaps {@code [from, to)} at the given locations (none: all), for a release; those
   * refused by their seal as failures.
   */
  public Future<Checked<List<ContactLog>>> inWindow(SqlClient client, TenantId tenant, Instant from, Instant to,
      List<String> locations) {
    return client.preparedQuery(select(tenant) + " WHERE (cardinality($1::text[]) = 0 OR c.location = ANY($1))"
            + String.format(OVERLAPS_FROM, "$2", "$3", "$4") + String.format(BEFORE_TO, "$5", "$6")
            + " ORDER BY c.visited_bucket, c.location, c.id")
        .execute(Tuple.of(locations.toArray(String[]::new), Timestamps.utc(TimeBucket.earliestStartOverlapping(from)),
            Timestamps.utc(from), TimeBucket.firstDayOverlapping(from), Timestamps.utc(to), TimeBucket.lastDayBefore(to)))
        .map(rows -> Checked.of(map(tenant, rows)));
  }

  private static String parameter(List<Object> params, Object value) {
    params.add(value);
    return "$" + params.size();
  }

  /** A write that may succeed when run again after its day's partition is created. */
  private static Throwable retryable(Throwable failure, LocalDate day) {
    if (failure instanceof PgException pg && (
        // no partition for the row's day (a CHECK constraint would be named)
        "23514".equals(pg.getSqlState()) && pg.getConstraint() == null
        // the day's key was destroyed with its last entry between reading it and inserting
        || "23503".equals(pg.getSqlState()) && "contact_log_data_key_fk".equals(pg.getConstraint()))) {
      return new RetryableWrite(day);
    }
    return failure;
  }

  /** A write that failed for want of the day's partition, or of the day's key; see {@link #retryingOnce}. */
  static final class RetryableWrite extends RuntimeException {
    private final LocalDate day;

    RetryableWrite(LocalDate day) {
      super("write to be retried", null, false, false);
      this.day = day;
    }
  }

  private static String select(TenantId tenant) {
    return String.format(SELECT, tenant.table("contact_log"), tenant.table("data_key"));
  }

  /** The row's values with the contact details sealed under the day's data key, bound to the row (see {@link EntrySeal}). */
  private Future<Tuple> sealed(SqlClient client, TenantId tenant, ContactLog entry) {
    return keys.forDay(client, tenant, entry.mandateId(), entry.bucket().day()).map(key -> row(entry, key));
  }

  private static Tuple row(ContactLog entry, SecretKey key) {
    return Tuple.from(new Object[] {
        entry.id(), entry.mandateId(), entry.location(), entry.bucket().day(), Timestamps.utc(entry.bucket().start()),
        entry.bucket().minutes(), Timestamps.utc(entry.destroyAfter()),
        Buffer.buffer(EntrySeal.seal(key, entry))});
  }

  /**
   * Opens each row with its day's key, unwrapping every key once per result; a row that no longer matches its
   * seal, or whose day's wrapped key was altered, is refused.
   */
  private List<ReadBack> map(TenantId tenant, RowSet<Row> rows) {
    Map<String, Optional<SecretKey>> dayKeys = new HashMap<>();
    List<ReadBack> read = new ArrayList<>();
    for (Row row : rows) {
      UUID id = row.getUUID("id");
      UUID mandateId = row.getUUID("mandate_id");
      LocalDate day = row.getLocalDate("visit_day");
      Optional<SecretKey> key = dayKeys.computeIfAbsent(mandateId + "/" + day,
          k -> keys.unwrapIfIntact(tenant, mandateId, day, row));
      TimeBucket bucket = new TimeBucket(row.getOffsetDateTime("visited_bucket").toInstant(),
          row.getInteger("bucket_minutes"), day);
      read.add(key.map(dayKey -> EntrySeal.open(dayKey, id, mandateId, row.getString("location"), bucket,
              row.getOffsetDateTime("destroy_after").toInstant(), row.getBuffer("sealed").getBytes()))
          .orElseGet(() -> new ReadBack.Refused(IntegrityFailure.bindingBroken(id, day))));
    }
    return read;
  }

  // --- destruction, for the retention purge, in its transaction. notHeld is the disclosures' hold as a condition on
  // row r, $1 the moment and $2 maxHoldDays (disclosure.Hold.notHeldSql): disclosure depends on this package ---

  /** A library day with a due entry; {@code whole} when every entry of it is due and none is held. */
  public record DueDay(LocalDate day, boolean whole, Destroyed destroyed) {
  }

  /**
   * Every library day with a due entry, with its entries counted and whether all of them are due and none is
   * held: such a day goes whole, by dropping its partition.
   */
  public Future<List<DueDay>> dueDays(SqlClient conn, TenantId tenant, OffsetDateTime now, int maxHoldDays,
      String notHeld) {
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
                  + notHeld + ") AS whole"
                  + " FROM " + tenant.table("contact_log") + " r WHERE r.visit_day = ANY($3) GROUP BY r.visit_day")
              .execute(Tuple.of(now, maxHoldDays).addArrayOfLocalDate(days.toArray(LocalDate[]::new)))
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
   * Deletes the due and unheld entries of the given days, row by row. An entry another transaction has locked (a
   * correction not yet committed) is left for the next run. The days are marked in pending_erasure (written here:
   * it lists this table's days) for the rewrite that removes the deleted rows from the partition's files.
   */
  public Future<Destroyed> destroyDueRows(SqlClient conn, TenantId tenant, OffsetDateTime now, int maxHoldDays,
      String notHeld, List<LocalDate> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture(Destroyed.NONE);
    }
    String entries = tenant.table("contact_log");
    return conn.preparedQuery("WITH destroyed AS (DELETE FROM " + entries + " r WHERE r.visit_day = ANY($3)"
            + " AND (r.id, r.visit_day) IN (SELECT r.id, r.visit_day FROM " + entries + " r WHERE r.visit_day = ANY($3)"
            + " AND r.destroy_after <= $1 AND " + notHeld
            + " FOR UPDATE OF r SKIP LOCKED) RETURNING r.visited_bucket, r.visit_day),"
            + " marked AS (INSERT INTO " + tenant.table("pending_erasure") + " (relation, visit_day)"
            + " SELECT DISTINCT 'contact_log', visit_day FROM destroyed ON CONFLICT DO NOTHING)"
            + " SELECT count(*) AS n, min(visited_bucket) AS first, max(visited_bucket) AS last FROM destroyed")
        .execute(Tuple.of(now, maxHoldDays).addArrayOfLocalDate(days.toArray(LocalDate[]::new)))
        .map(Destroyed::of);
  }

  /**
   * Drops the partitions of days whose entries are all due and unheld. A day changed since it was counted (an
   * entry was logged or deleted meanwhile) is left whole and purged row by row instead.
   */
  public Future<Destroyed> destroyWholeDays(SqlClient conn, TenantId tenant, OffsetDateTime now, int maxHoldDays,
      String notHeld, List<DueDay> whole) {
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
          return destroyDueRows(conn, tenant, now, maxHoldDays, notHeld, whole.stream().map(DueDay::day)
              .filter(day -> !dropped.contains(day)).toList()).map(destroyed::plus);
        });
  }

  /** Entries past their destroy_after at {@code now}: those no disclosure holds are overdue, the rest held. */
  public record Due(int overdue, int held) {
  }

  public Future<Due> countDue(SqlClient client, TenantId tenant, OffsetDateTime now, int maxHoldDays,
      String notHeld) {
    return client.preparedQuery("SELECT count(*) FILTER (WHERE " + notHeld + ") AS overdue, count(*) AS due FROM "
            + tenant.table("contact_log") + " r WHERE r.destroy_after <= $1")
        .execute(Tuple.of(now, maxHoldDays))
        .map(rows -> {
          Row row = rows.iterator().next();
          int overdue = row.getLong("overdue").intValue();
          return new Due(overdue, row.getLong("due").intValue() - overdue);
        });
  }

  /** Logged and declined at a location on a library day. */
  public record DayCount(LocalDate day, String location, long logged, long declined) {
  }

  /**
   * Visits logged and declined per library day and location, from {@code first} to {@code last}; here, as the
   * entries are most of what it reads, with decline_count's slots beside them in the one statement.
   */
  public Future<List<DayCount>> countsPerDay(TenantId tenant, ZoneId zone, LocalDate first, LocalDate last,
      Optional<String> location, Search search) {
    String window = " WHERE visited_bucket >= $2 AND visited_bucket < $3 AND ($4::text IS NULL OR location = $4)";
    String sql = "SELECT day, location, sum(logged)::bigint AS logged, sum(declined)::bigint AS declined FROM ("
        + " SELECT (visited_bucket AT TIME ZONE $1)::date AS day, location, count(*) AS logged, 0 AS declined FROM "
        + tenant.table("contact_log") + window
        // the days' partitions only; a day either side, for entries logged under an earlier time zone setting
        + " AND visit_day BETWEEN $5 AND $6 GROUP BY 1, 2"
        + " UNION ALL SELECT (visited_bucket AT TIME ZONE $1)::date, location, 0, sum(declined) FROM "
        + tenant.table("decline_count") + window + " GROUP BY 1, 2"
        + ") counts GROUP BY day, location";
    SqlSearch query = search.sql(7);
    Tuple params = Tuple.of(zone.getId(),
        first.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(java.time.ZoneOffset.UTC),
        last.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(java.time.ZoneOffset.UTC),
        location.orElse(null), first.minusDays(1), last.plusDays(1));
    query.params().forEach(params::addValue);
    return pool.preparedQuery("SELECT day, location, logged, declined FROM (" + sql + ") v WHERE " + query.condition()
        + " ORDER BY " + query.orderBy("day, location")).execute(params).map(rows -> {
          List<DayCount> counts = new ArrayList<>();
          for (Row row : rows) {
            counts.add(new DayCount(row.getLocalDate("day"), row.getString("location"), row.getLong("logged"),
                row.getLong("declined")));
          }
          return counts;
        });
  }
}
