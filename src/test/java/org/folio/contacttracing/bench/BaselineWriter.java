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

  Future<Boolean> write() {
    UUID id = UUID.randomUUID();
    ContactDetails details = ContactRows.visitor(visitors.incrementAndGet());
    TimeBucket bucket = TimeBucket.of(Instant.now(), ContactRows.ZONE, ContactRows.BUCKET_MINUTES);
    Buffer sealed = Buffer.buffer(ContactRows.seal(dayKeys.get(bucket.day()), id, details));
    return pool.preparedQuery("INSERT INTO " + tenant.table("contact_log") + " (" + ContactRows.COLUMNS
            + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.from(new Object[] {id, mandateId, "main-hall", bucket.day(), Timestamps.utc(bucket.start()),
            bucket.minutes(), Timestamps.utc(ContactRows.destroyAfter(bucket.day(), Loader.RETENTION_DAYS)), sealed}))
        .map(rows -> rows.rowCount() == 1);
  }
}
