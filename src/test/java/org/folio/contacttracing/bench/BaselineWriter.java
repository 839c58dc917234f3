package org.folio.contacttracing.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import org.folio.contacttracing.contactlog.ContactDetails;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The least a write can cost: what the module ultimately stores for one visit, sealed the same way and
 * inserted with one autocommitted statement, without HTTP, validation, mandate lookup or audit.
 */
final class BaselineWriter {
  private final Pool pool;
  private final TenantId tenant;
  private final UUID mandateId;
  private final Map<LocalDate, SecretKey> dayKeys;
  private final AtomicLong visitors = new AtomicLong();

  /** @param dayKeys the data keys of today and tomorrow, so a run across midnight still finds its key */
  BaselineWriter(Pool pool, TenantId tenant, UUID mandateId, Map<LocalDate, SecretKey> dayKeys) {
    this.pool = pool;
    this.tenant = tenant;
    this.mandateId = mandateId;
    this.dayKeys = dayKeys;
  }

  /** The entry only: the strict baseline of the targets. */
  Future<Boolean> write() {
    return write(false);
  }

  /**
   * The entry and the per-entry audit event that versions before V7 wrote with it, in one statement: for
   * reference, to compare with runs of those versions (the module now writes the entry alone).
   */
  Future<Boolean> writeAudited() {
    return write(true);
  }

  private Future<Boolean> write(boolean audited) {
    UUID id = UUID.randomUUID();
    ContactDetails details = ContactRows.visitor(visitors.incrementAndGet());
    TimeBucket bucket = TimeBucket.of(Instant.now(), ContactRows.ZONE, ContactRows.BUCKET_MINUTES);
    Instant destroyAfter = ContactRows.destroyAfter(bucket.day(), Loader.RETENTION_DAYS);
    Buffer sealed = Buffer.buffer(ContactRows.seal(dayKeys.get(bucket.day()), id, mandateId, "main-hall", bucket,
        destroyAfter, details));
    String insert = "INSERT INTO " + tenant.table("contact_log") + " (" + ContactRows.COLUMNS
        + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    Tuple values = Tuple.from(new Object[] {id, mandateId, "main-hall", bucket.day(), Timestamps.utc(bucket.start()),
        bucket.minutes(), Timestamps.utc(destroyAfter), sealed});
    if (audited) {
      insert = "WITH entry AS (" + insert + ") INSERT INTO " + tenant.table("audit_event")
          + " (id, occurred_at, user_id, action, record_count, request_id, target_id, details)"
          + " VALUES ($9, $10, $11, 'contact-log.create', 1, $12, $1, '{}')";
      values.addUUID(UUID.randomUUID()).addOffsetDateTime(Timestamps.utc(Instant.now()))
          .addUUID(ModuleClient.STAFF_A).addString("bench");
    }
    return pool.preparedQuery(insert).execute(values).map(rows -> rows.rowCount() == 1);
  }
}
