package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.MandateStore;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.tenant.DataUpgrade;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The one-off re-sealing, by the tenant job, of entries that versions before migration V9 sealed bound to the
 * entry id alone. Each is opened with that binding and sealed again as {@link EntrySeal} seals, with its stored
 * destroyAfter as the sealed one and without any field its mandate no longer collects; a row that opens under
 * neither binding is left as it is, refused when read. It runs only while V9's mark in {@code entry_seal_upgrade}
 * exists and deletes the mark when every day is done: from then on nothing opens a ciphertext bound to the id alone,
 * so a row put back from an older copy is refused like any other changed row.
 *
 * <p>Day by day, in transactions of at most {@link #BATCH} entries, each marking its day for the purge to rewrite
 * (the old versions stay in the partition's files as dead rows until then). An interrupted run leaves the mark, and
 * the next job carries on; an entry already re-sealed opens under the new binding and is skipped.
 */
public final class LegacySealUpgrade implements DataUpgrade {
  private static final Logger log = LogManager.getLogger(LegacySealUpgrade.class);
  static final int BATCH = 500;

  private final Pool pool;
  private final DataKeyStore keys;

  public LegacySealUpgrade(Pool pool, DataKeyStore keys) {
    this.pool = pool;
    this.keys = keys;
  }

  @Override
  public Future<Integer> run(TenantId tenant) {
    return pool.query("SELECT 1 FROM " + tenant.table("entry_seal_upgrade")).execute().compose(mark -> {
      if (mark.size() == 0) {
        return Future.succeededFuture(0);
      }
      return MandateStore.collectedFieldsById(pool, tenant)
          .compose(fields -> DataKeyStore.daysWithKeys(pool, tenant).compose(days -> {
            Future<Integer> done = Future.succeededFuture(0);
            for (LocalDate day : days) {
              done = done.compose(count -> resealDay(tenant, day, fields, null).map(more -> count + more));
            }
            return done;
          }))
          .compose(count -> pool.query("DELETE FROM " + tenant.table("entry_seal_upgrade")).execute().map(count))
          .onSuccess(count -> log.info("Tenant {}: {} entries sealed by an earlier version sealed again, bound to "
              + "their mandate, location, slot and destroyAfter", tenant, count));
    });
  }

  /** The day's entries after {@code after} (null: from the first), a batch per transaction. */
  private Future<Integer> resealDay(TenantId tenant, LocalDate day, Map<UUID, Set<ContactField>> fields, UUID after) {
    return pool.withTransaction(conn -> ContactLogRevisions.lockedWithKeys(conn, tenant, day, after, BATCH)
            .compose(rows -> {
              List<UUID> ids = new ArrayList<>();
              List<Buffer> sealed = new ArrayList<>();
              UUID last = null;
              for (Row row : rows) {
                last = row.getUUID("id");
                resealed(tenant, day, row, fields).ifPresent(bytes -> {
                  ids.add(row.getUUID("id"));
                  sealed.add(Buffer.buffer(bytes));
                });
              }
              Batch batch = new Batch(rows.size(), last, ids.size());
              return ids.isEmpty() ? Future.succeededFuture(batch) : ContactLogRevisions.replaceSeals(conn, tenant, day, ids, sealed).map(batch);
            }))
        .compose(batch -> batch.size() < BATCH
            ? Future.succeededFuture(batch.resealed())
            : resealDay(tenant, day, fields, batch.last()).map(more -> batch.resealed() + more));
  }

  private record Batch(int size, UUID last, int resealed) {
  }

  /**
   * The row's details sealed with the new binding, when they open only with the old one.
   *
   * @throws Aead.CryptoException when the day's data key cannot be unwrapped, for example because the KEK that
   *     wrapped it is not configured: the job fails, and can run again once it is
   */
  private Optional<byte[]> resealed(TenantId tenant, LocalDate day, Row row, Map<UUID, Set<ContactField>> fields) {
    UUID id = row.getUUID("id");
    UUID mandateId = row.getUUID("mandate_id");
    String location = row.getString("location");
    SecretKey key = keys.unwrap(tenant, mandateId, day, row);
    TimeBucket bucket = new TimeBucket(row.getOffsetDateTime("visited_bucket").toInstant(),
        row.getInteger("bucket_minutes"), day);
    Instant destroyAfter = row.getOffsetDateTime("destroy_after").toInstant();
    byte[] ciphertext = row.getBuffer("sealed").getBytes();
    ReadBack current = EntrySeal.open(key, id, mandateId, location, bucket, destroyAfter, ciphertext);
    if (current instanceof ReadBack.Intact
        || current instanceof ReadBack.Refused refused && refused.failure().sealedDestroyAfter().isPresent()) {
      // sealed with the new binding already
      return Optional.empty();
    }
    ContactDetails details;
    try {
      details = ContactDetails.fromBytes(Aead.open(key, ciphertext, id.toString().getBytes(StandardCharsets.US_ASCII)));
    } catch (Aead.CryptoException e) {
      log.warn("Contact log entry {} opens under neither binding; left as it is, and refused when read", id);
      return Optional.empty();
    }
    return Optional.of(EntrySeal.seal(key, new ContactLog(id, mandateId, location, bucket, destroyAfter,
        details.only(fields.getOrDefault(mandateId, Set.of())))));
  }
}
