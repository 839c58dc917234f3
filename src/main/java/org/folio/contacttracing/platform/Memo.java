package org.folio.contacttracing.platform;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a recent request read, kept for the next one: never a source of truth. Whatever is admitted on a remembered
 * value is written only by a statement that confirms in the database that the value still holds; a refusal is
 * never based on one. Entries live at most {@link #TTL_NANOS} and at most {@value #MAX_ENTRIES} are kept, the
 * oldest first out, so memory stays bounded with any number of tenants and locations. Expired entries go at every
 * put and at least once a minute ({@link #forgetExpired}).
 */
public final class Memo<V> {
  public static final long TTL_NANOS = 60_000_000_000L;
  public static final int MAX_ENTRIES = 1000;

  private record Remembered<V>(V value, long expiresAt) {
  }

  private final long ttlNanos;
  /** In the order they were put, which is the order they expire in; the oldest goes first when full. */
  private final Map<String, Remembered<V>> entries = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Remembered<V>> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  public Memo() {
    this(TTL_NANOS);
  }

  public Memo(long ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  public synchronized Optional<V> get(String key) {
    Remembered<V> found = entries.get(key);
    return found == null || System.nanoTime() - found.expiresAt() > 0 ? Optional.empty() : Optional.of(found.value());
  }

  public synchronized void put(String key, V value) {
    forgetExpired();
    // put again at the end, so that the map stays in the order of expiry
    entries.remove(key);
    entries.put(key, new Remembered<>(value, System.nanoTime() + ttlNanos));
  }

  public synchronized void forget(String key) {
    entries.remove(key);
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Every expired entry goes, looked up again or not: a destroyed key must not linger here. */
  public synchronized void forgetExpired() {
    long now = System.nanoTime();
    Iterator<Remembered<V>> oldestFirst = entries.values().iterator();
    while (oldestFirst.hasNext() && now - oldestFirst.next().expiresAt() > 0) {
      oldestFirst.remove();
    }
  }
}
