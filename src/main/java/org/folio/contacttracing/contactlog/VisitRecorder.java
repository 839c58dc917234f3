package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.folio.contacttracing.mandate.AdmissionStamp;
import org.folio.contacttracing.platform.Memo;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Records an admitted visit: seals it under its day's key and stores it with others by {@link GroupCommit}, only
 * while its admission and its key hold. The day's first visit under a mandate creates the key by a statement of its
 * own first, so that no row but entries is written in an entry's transaction.
 */
final class VisitRecorder {
  private final ContactLogStore store;
  private final DataKeyStore keys;
  private final GroupCommit commits;
  /** A day's key as stored (wrapped), which the insert confirms, and unwrapped, to seal with. */
  private record DayKey(DataKeyWrapper.Wrapped wrapped, SecretKey key) {
  }

  /** Day keys per tenant, mandate and day, for a minute at most; every insert confirms the one it was sealed under. */
  private final Memo<DayKey> dayKeys = new Memo<>();

  VisitRecorder(ContactLogStore store, DataKeyStore keys) {
    this.store = store;
    this.keys = keys;
    this.commits = new GroupCommit((tenant, batch) -> store.insertAdmitted(store.pool(), tenant, batch));
  }

  /** @return the entry once stored; empty when its admission or its day's key changed, and nothing was stored */
  Future<Optional<ContactLog>> record(TenantId tenant, ContactLog entry, AdmissionStamp admitted) {
    String keyName = tenant.value() + '/' + entry.mandateId() + '/' + entry.bucket().day();
    return dayKey(tenant, entry, keyName).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      ContactLogStore.Pending pending = new ContactLogStore.Pending(entry, EntrySeal.seal(found.get().key(), entry),
          admitted, found.get().wrapped());
      return store.retryingOnce(tenant, () -> commits.store(tenant, pending));
    }).map(stored -> {
      if (!stored) {
        dayKeys.forget(keyName);
      }
      return stored ? Optional.of(entry) : Optional.empty();
    });
  }

  /** Forgets keys past their minute, so a key the purge destroyed does not stay in memory. */
  void forgetExpired() {
    dayKeys.forgetExpired();
  }

  private Future<Optional<DayKey>> dayKey(TenantId tenant, ContactLog entry, String keyName) {
    Optional<DayKey> known = dayKeys.get(keyName);
    if (known.isPresent()) {
      return Future.succeededFuture(known);
    }
    Pool pool = store.pool();
    return keys.wrapped(pool, tenant, entry.mandateId(), entry.bucket().day())
        .compose(found -> found.isPresent() ? Future.succeededFuture(found)
            : store.createKey(pool, tenant, entry.mandateId(), entry.bucket().day())
                .compose(created -> keys.wrapped(pool, tenant, entry.mandateId(), entry.bucket().day())))
        .map(found -> found.map(wrapped -> {
          DayKey key = new DayKey(wrapped, keys.unwrap(tenant, entry.mandateId(), entry.bucket().day(), wrapped));
          dayKeys.put(keyName, key);
          return key;
        }));
  }
}
