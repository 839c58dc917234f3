package org.folio.contacttracing.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.SecretKey;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Fills a tenant's {@code contact_log} directly, in statements of {@value #BATCH} rows with a few in flight:
 * filler entries over {@value #DAYS} library days (today-110 .. today-11) and {@value #LOCATIONS} locations in
 * 15-minute slots between 09:00 and 21:00, optionally the exposure window (day {@link #exposureDay}, location
 * {@value #EXPOSURE_LOCATION}, 10:00 to 18:00) and optionally one expired day ({@link #purgeDay}) whose entries
 * are all past their destruction time. Every entry is sealed for real under its day's data key.
 */
final class Loader {
  /**
   * A location logged at every day, like a library's main entrance: a window query that read every entry at
   * the location before the window's end, rather than the window's days only, would grow with the table.
   */
  static final String EXPOSURE_LOCATION = "loc-01";
  static final int RETENTION_DAYS = 200;
  private static final int BATCH = 5000;
  private static final int IN_FLIGHT = 3;
  private static final int DAYS = 100;
  private static final int LOCATIONS = 20;
  private static final int SLOTS = 48;

  private final Pool pool;
  private final HarnessKeys keys;
  private final LocalDate today;

  Loader(Pool pool, HarnessKeys keys, LocalDate today) {
    this.pool = pool;
    this.keys = keys;
    this.today = today;
  }

  LocalDate exposureDay() {
    return today.minusDays(60);
  }

  LocalDate purgeDay() {
    return today.minusDays(150);
  }

  /** What one tenant holds: {@code total} entries, of which {@code window} in the window and {@code expired} due. */
  record Layout(int total, int window, int expired) {
  }

  /** @return seconds the load took */
  double load(TenantId tenant, UUID mandateId, Layout layout) throws InterruptedException {
    long started = System.nanoTime();
    Map<LocalDate, SecretKey> dayKeys = new HashMap<>();
    for (int d = 0; d < DAYS; d++) {
      LocalDate day = today.minusDays(110 - d);
      dayKeys.put(day, ModuleClient.await(keys.createDataKey(pool, tenant, mandateId, day)));
    }
    if (layout.expired() > 0) {
      dayKeys.put(purgeDay(), ModuleClient.await(keys.createDataKey(pool, tenant, mandateId, purgeDay())));
    }
    Instant expiredAt = Instant.now().minus(1, ChronoUnit.HOURS);
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    Batch batch = new Batch(Math.min(BATCH, layout.total()));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    if (layout.window() + layout.expired() > layout.total()) {
      throw new IllegalArgumentException("layout has more special entries than entries: " + layout);
    }
    for (int i = 0; i < layout.total(); i++) {
      UUID id = UUID.randomUUID();
      LocalDate day;
      String location;
      int slot;
      Instant destroyAfter = null;
      if (i < layout.window()) {
        day = exposureDay();
        location = EXPOSURE_LOCATION;
        slot = 4 + i % 32;
      } else if (i < layout.window() + layout.expired()) {
        int n = i - layout.window();
        day = purgeDay();
        location = location(n % LOCATIONS);
        slot = (n / LOCATIONS) % SLOTS;
        destroyAfter = expiredAt;
      } else {
        int n = i - layout.window() - layout.expired();
        day = today.minusDays(110 - n % DAYS);
        location = location((n / DAYS) % LOCATIONS);
        if (day.equals(exposureDay()) && location.equals(EXPOSURE_LOCATION)) {
          // the window holds exactly its own entries
          location = location(1);
        }
        slot = (n / (DAYS * LOCATIONS)) % SLOTS;
      }
      Instant bucket = day.atTime(LocalTime.of(9, 0)).atZone(ContactRows.ZONE).toInstant()
          .plus((long) slot * ContactRows.BUCKET_MINUTES, ChronoUnit.MINUTES);
      if (destroyAfter == null) {
        destroyAfter = ContactRows.destroyAfter(day, RETENTION_DAYS);
      }
      batch.add(id, mandateId, location, day, Timestamps.utc(bucket), Timestamps.utc(destroyAfter),
          Buffer.buffer(ContactRows.seal(dayKeys.get(day), id, mandateId, location,
              new TimeBucket(bucket, ContactRows.BUCKET_MINUTES, day), destroyAfter, ContactRows.visitor(i))));
      if (batch.full() || i == layout.total() - 1) {
        inFlight.acquire();
        if (failure.get() != null) {
          throw new IllegalStateException("bulk load into " + tenant + " failed", failure.get());
        }
        batch.insert(pool, tenant).onComplete(done -> {
          if (done.failed()) {
            failure.compareAndSet(null, done.cause());
          }
          inFlight.release();
        });
        batch = new Batch(Math.min(BATCH, layout.total() - i - 1));
      }
    }
    inFlight.acquire(IN_FLIGHT);
    inFlight.release(IN_FLIGHT);
    if (failure.get() != null) {
      throw new IllegalStateException("bulk load into " + tenant + " failed", failure.get());
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static String location(int n) {
    return String.format("loc-%02d", n + 1);
  }

  /** The column arrays of one multi-row statement. */
  private static final class Batch {
    private final UUID[] ids;
    private final UUID[] mandates;
    private final String[] locations;
    private final LocalDate[] days;
    private final OffsetDateTime[] buckets;
    private final Integer[] minutes;
    private final OffsetDateTime[] destroyAfter;
    private final Buffer[] sealed;
    private int size;

    Batch(int capacity) {
      ids = new UUID[capacity];
      mandates = new UUID[capacity];
      locations = new String[capacity];
      days = new LocalDate[capacity];
      buckets = new OffsetDateTime[capacity];
      minutes = new Integer[capacity];
      destroyAfter = new OffsetDateTime[capacity];
      sealed = new Buffer[capacity];
    }

    void add(UUID id, UUID mandateId, String location, LocalDate day, OffsetDateTime bucket,
        OffsetDateTime destroy, Buffer cipher) {
      ids[size] = id;
      mandates[size] = mandateId;
      locations[size] = location;
      days[size] = day;
      buckets[size] = bucket;
      minutes[size] = ContactRows.BUCKET_MINUTES;
      destroyAfter[size] = destroy;
      sealed[size] = cipher;
      size++;
    }

    boolean full() {
      return size == ids.length;
    }

    Future<Void> insert(Pool pool, TenantId tenant) {
      // history as the hourly purge leaves it: counted, so that a purge scenario measures destruction, not the
      // settling of a million entries recorded at once
      return pool.preparedQuery("INSERT INTO " + tenant.table("contact_log") + " (" + ContactRows.COLUMNS
              + ", counted) SELECT *, true FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[],"
              + " $5::timestamptz[], $6::int[], $7::timestamptz[], $8::bytea[])")
          .execute(Tuple.from(new Object[] {ids, mandates, locations, days, buckets, minutes, destroyAfter, sealed}))
          .mapEmpty();
    }
  }
}
