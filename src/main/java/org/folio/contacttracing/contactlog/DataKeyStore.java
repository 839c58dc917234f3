package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * One data key per mandate and library day, in the tenant's {@code data_key} table, stored only wrapped by
 * the key-encryption key. A key lives exactly as long as entries of its day do.
 */
public final class DataKeyStore {
  private final DataKeyWrapper wrapper;

  public DataKeyStore(DataKeyWrapper wrapper) {
    this.wrapper = wrapper;
  }

  /**
   * The day's key, created on first use; two instances creating it at once end up with the same one. Only the
   * first entry of a day pays for creating and wrapping a key; every other reads it.
   */
  Future<SecretKey> forDay(SqlClient client, TenantId tenant, UUID mandateId, LocalDate day) {
    return find(client, tenant, mandateId, day).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      SecretKey fresh = Aead.newKey();
      DataKeyWrapper.Wrapped wrapped = wrapper.wrap(fresh, label(tenant, mandateId, day));
      return client.preparedQuery("INSERT INTO " + tenant.table("data_key") + " (mandate_id, visit_day, kek_id, "
              + "wrapped_key) VALUES ($1, $2, $3, $4) ON CONFLICT (mandate_id, visit_day) DO NOTHING")
          .execute(Tuple.of(mandateId, day, wrapped.kekId(), Buffer.buffer(wrapped.bytes())))
          .compose(inserted -> inserted.rowCount() == 1
              ? Future.succeededFuture(fresh)
              : find(client, tenant, mandateId, day).map(Optional::orElseThrow));
    });
  }

  /** The mandate's key of the day as stored, wrapped, unless the day has none yet; read without a lock. */
  Future<Optional<DataKeyWrapper.Wrapped>> wrapped(SqlClient client, TenantId tenant, UUID mandateId, LocalDate day) {
    return client.preparedQuery("SELECT kek_id, wrapped_key FROM " + tenant.table("data_key")
            + " WHERE mandate_id = $1 AND visit_day = $2")
        .execute(Tuple.of(mandateId, day))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(wrapped(rows.iterator().next())));
  }

  /** A wrapped key of {@link #wrapped}, unwrapped. */
  SecretKey unwrap(TenantId tenant, UUID mandateId, LocalDate day, DataKeyWrapper.Wrapped wrapped) {
    return wrapper.unwrap(wrapped, label(tenant, mandateId, day));
  }

  private Future<Optional<SecretKey>> find(SqlClient client, TenantId tenant, UUID mandateId, LocalDate day) {
    // locked until the caller's transaction ends, so the key cannot be destroyed (and another created in its
    // place) before the entry sealed under it is stored
    return client.preparedQuery("SELECT kek_id, wrapped_key FROM " + tenant.table("data_key")
            + " WHERE mandate_id = $1 AND visit_day = $2 FOR KEY SHARE")
        .execute(Tuple.of(mandateId, day))
        .map(rows -> rows.size() == 0
            ? Optional.empty()
            : Optional.of(unwrap(tenant, mandateId, day, rows.iterator().next())));
  }

  /**
   * The key that a row joined from {@code data_key} carries, unwrapped; empty when its wrapped bytes were altered
   * or moved from another day (they no longer open under the configured KEK that wrapped them).
   *
   * @throws Aead.CryptoException when the KEK that wrapped it is not configured: a fault of the deployment
   */
  Optional<SecretKey> unwrapIfIntact(TenantId tenant, UUID mandateId, LocalDate day, Row row) {
    try {
      return Optional.of(unwrap(tenant, mandateId, day, row));
    } catch (Aead.CryptoException e) {
      if (!wrapper.configured(row.getString("kek_id"))) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** Unwraps the key that a row joined from {@code data_key} carries. */
  SecretKey unwrap(TenantId tenant, UUID mandateId, LocalDate day, Row row) {
    return wrapper.unwrap(wrapped(row), label(tenant, mandateId, day));
  }

  private static DataKeyWrapper.Wrapped wrapped(Row row) {
    return new DataKeyWrapper.Wrapped(row.getString("kek_id"), row.getBuffer("wrapped_key").getBytes());
  }

  /**
   * Destroys the key of a mandate's day once no entry of that day is left, in the caller's transaction, so that
   * dumps and reporting copies taken earlier can no longer be decrypted.
   */
  Future<Void> destroyIfUnused(SqlClient client, TenantId tenant, UUID mandateId, LocalDate day) {
    return client.preparedQuery("DELETE FROM " + tenant.table("data_key") + " WHERE mandate_id = $1 AND visit_day = $2"
            + " AND NOT EXISTS (SELECT 1 FROM " + tenant.table("contact_log") + " c"
            + " WHERE c.mandate_id = $1 AND c.visit_day = $2)")
        .execute(Tuple.of(mandateId, day))
        .compose(deleted -> deleted.rowCount() == 0
            ? Future.succeededFuture()
            : PendingErasure.mark(client, tenant, PendingErasure.DATA_KEY, day));
  }

  /** Destroys the keys of the given days that no entry uses any more; the purge's counterpart. */
  /**
   * Keeps new day keys out until the transaction ends; taken before the log's locks, in the order the partition
   * creator takes them, so the purge and a day's first visit never wait for each other in a circle.
   */
  public Future<Void> lockAgainstNewKeys(SqlClient client, TenantId tenant) {
    return client.query("LOCK TABLE " + tenant.table("data_key") + " IN ROW EXCLUSIVE MODE").execute().mapEmpty();
  }

  public Future<Integer> destroyUnused(SqlClient client, TenantId tenant, List<LocalDate> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture(0);
    }
    LocalDate[] array = days.toArray(LocalDate[]::new);
    // marked in the same transaction: should the rewrite that removes the keys' dead rows not happen in this run
    // (the table held by another session, the run ended early), a later one still knows it is due
    return client.preparedQuery("WITH destroyed AS (DELETE FROM " + tenant.table("data_key") + " k"
            + " WHERE k.visit_day = ANY($1) AND NOT EXISTS (SELECT 1 FROM " + tenant.table("contact_log") + " c"
            + " WHERE c.visit_day = ANY($1) AND c.mandate_id = k.mandate_id AND c.visit_day = k.visit_day)"
            + " RETURNING k.visit_day),"
            + " marked AS (INSERT INTO " + tenant.table("pending_erasure") + " (relation, visit_day)"
            + " SELECT DISTINCT '" + PendingErasure.DATA_KEY + "', visit_day FROM destroyed ON CONFLICT DO NOTHING)"
            + " SELECT count(*) FROM destroyed")
        .execute(Tuple.tuple().addArrayOfLocalDate(array))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  /** Re-wraps up to {@code limit} keys still wrapped by a previous KEK with the current one. */
  public Future<Integer> rewrap(SqlClient client, TenantId tenant, int limit) {
    return client.preparedQuery("SELECT mandate_id, visit_day, kek_id, wrapped_key FROM " + tenant.table("data_key")
            + " WHERE kek_id <> $1 LIMIT $2 FOR UPDATE")
        .execute(Tuple.of(wrapper.currentKekId(), limit))
        .compose(rows -> {
          Future<Integer> done = Future.succeededFuture(0);
          for (Row row : rows) {
            UUID mandateId = row.getUUID("mandate_id");
            LocalDate day = row.getLocalDate("visit_day");
            String label = label(tenant, mandateId, day);
            DataKeyWrapper.Wrapped rewrapped = wrapper.wrap(unwrap(tenant, mandateId, day, row), label);
            done = done.compose(count -> client.preparedQuery("UPDATE " + tenant.table("data_key")
                    + " SET kek_id = $3, wrapped_key = $4 WHERE mandate_id = $1 AND visit_day = $2")
                .execute(Tuple.of(mandateId, day, rewrapped.kekId(), Buffer.buffer(rewrapped.bytes())))
                .map(updated -> count + 1));
          }
          return done;
        });
  }

  /** Binds a wrapped key to its tenant, mandate and day, so it cannot be moved to another. */
  public static String label(TenantId tenant, UUID mandateId, LocalDate day) {
    return tenant.value() + "/" + mandateId + "/" + day;
  }

  /** Whether data_key's files still hold a destroyed key, or a key under its writer's transaction id. */
  public static Future<Boolean> erasurePending(SqlClient client, TenantId tenant) {
    return client.query("SELECT EXISTS (SELECT 1 FROM " + tenant.table("pending_erasure")
            + " WHERE relation = 'data_key') OR EXISTS (SELECT 1 FROM " + tenant.table("data_key") + " WHERE NOT settled)")
        .execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Rewrites data_key into new files, in the caller's transaction; false when another transaction holds it. */
  public static Future<Boolean> rewrite(SqlClient client, TenantId tenant) {
    return client.query("SELECT " + tenant.table("rewrite_data_key") + "()").execute()
        .map(done -> done.iterator().next().getBoolean(0));
  }

  /** The days with a key of the mandate, in order: the days with entries under it. */
  static Future<List<LocalDate>> daysOfMandate(SqlClient client, TenantId tenant, UUID mandateId) {
    return client.preparedQuery("SELECT visit_day FROM " + tenant.table("data_key") + " WHERE mandate_id = $1"
            + " ORDER BY visit_day")
        .execute(Tuple.of(mandateId))
        .map(DataKeyStore::days);
  }

  /** The days with a key of any mandate, in order: every day with entries. */
  static Future<List<LocalDate>> daysWithKeys(SqlClient client, TenantId tenant) {
    return client.query("SELECT DISTINCT visit_day FROM " + tenant.table("data_key") + " ORDER BY visit_day")
        .execute()
        .map(DataKeyStore::days);
  }

  private static List<LocalDate> days(Iterable<Row> rows) {
    List<LocalDate> days = new ArrayList<>();
    rows.forEach(row -> days.add(row.getLocalDate(0)));
    return days;
  }
}
