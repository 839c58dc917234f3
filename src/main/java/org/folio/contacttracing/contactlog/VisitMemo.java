package org.folio.contacttracing.contactlog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The last {@link ContactLogStore.VisitContext} read for a location and UTC date, so that the next visit there
 * can be admitted without reading it again. It is a memo, never a source of truth: a visit admitted from it is
 * stored only if the database confirms, in the same statement as the insert, that every fact the decision used
 * is unchanged ({@link ContactLogStore#insertIfUnchanged}); otherwise the visit is admitted again from a fresh
 * read. A refusal is never based on it. So any instance answers any visit as if it had read everything itself,
 * and instances need not know of each other's changes.
 *
 * <p>Entries live at most a minute and at most {@value #MAX_ENTRIES} are kept, the oldest first out, so memory
 * stays bounded with any number of tenants and locations. Expired entries go at the next visit to any location
 * and at least once a minute ({@link ContactLogApi#everyMinute}), so a day's wrapped key that the purge has
 * destroyed in the database stays in the module's memory for at most two minutes.
 */
final class VisitMemo {
  static final long TTL_NANOS = 60_000_000_000L;
  static final int MAX_ENTRIES = 1000;

  private record Remembered(ContactLogStore.VisitContext context, long expiresAt) {
  }

  private final long ttlNanos;
  /** In the order they were put, which is the order they expire in; the oldest goes first when full. */
  private final Map<String, Remembered> entries = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  VisitMemo() {
    this(TTL_NANOS);
  }

  VisitMemo(long ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  /** What a visit's context depends on: the tenant, the location, and the UTC date of the visit. */
  static String key(TenantId tenant, String location, Instant at) {
    return tenant.value() + '\u0000' + location + '\u0000' + LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  synchronized Optional<ContactLogStore.VisitContext> get(String key) {
    forgetExpired();
    return Optional.ofNullable(entries.get(key)).map(Remembered::context);
  }

  synchronized void put(String key, ContactLogStore.VisitContext context) {
    forgetExpired();
    // put again at the end, so that the map stays in the order of expiry
    entries.remove(key);
    entries.put(key, new Remembered(context, System.nanoTime() + ttlNanos));
  }

  synchronized void forget(String key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }

  /** Every expired entry goes, looked up again or not: a destroyed key must not linger here. */
  synchronized void forgetExpired() {
    long now = System.nanoTime();
    Iterator<Remembered> oldestFirst = entries.values().iterator();
    while (oldestFirst.hasNext() && now - oldestFirst.next().expiresAt() > 0) {
      oldestFirst.remove();
    }
  }
}
