package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Stores admitted entries with group commit: while a tenant's insert is in flight, the entries that arrive wait, and
 * the next statement stores all of them with its one commit. Nothing waits for a timer: an entry arriving when the
 * tenant has no insert in flight is written at once, alone. Each entry is answered only when its own row is
 * committed. Holds only the requests in flight; a tenant with none has no queue.
 */
final class GroupCommit {
  /** Entries per statement at most; the rest wait for the next one. */
  static final int MAX_BATCH = 100;

  private record Waiting(ContactLogStore.Pending pending, Promise<Boolean> stored) {
  }

  /** The statement that stores a batch: the ids of those stored, the others' admission no longer held. */
  @FunctionalInterface
  interface Insert {
    Future<Set<UUID>> insert(TenantId tenant, List<ContactLogStore.Pending> batch);
  }

  private final Insert insert;
  /** Per tenant, the entries waiting for the insert in flight to finish; guarded by this. */
  private final Map<TenantId, ArrayDeque<Waiting>> inFlight = new HashMap<>();

  GroupCommit(Insert insert) {
    this.insert = insert;
  }

  /**
   * Stores the entry with the others waiting with it.
   *
   * @return whether it was stored; false when its admission no longer held, and nothing was stored for it. One
   *     entry's stale admission never fails another's; a failure of the statement is answered per entry, each
   *     written again alone
   */
  Future<Boolean> store(TenantId tenant, ContactLogStore.Pending pending) {
    Waiting waiting = new Waiting(pending, Promise.promise());
    synchronized (this) {
      ArrayDeque<Waiting> queue = inFlight.get(tenant);
      if (queue != null) {
        queue.add(waiting);
        return waiting.stored().future();
      }
      inFlight.put(tenant, new ArrayDeque<>());
    }
    write(tenant, List.of(waiting));
    return waiting.stored().future();
  }

  private void write(TenantId tenant, List<Waiting> batch) {
    List<ContactLogStore.Pending> pending = batch.stream().map(Waiting::pending).toList();
    insert.insert(tenant, pending).onComplete(result -> {
      // the next statement is sent before anyone is answered
      next(tenant);
      if (result.succeeded()) {
        Set<UUID> stored = result.result();
        batch.forEach(one -> one.stored().complete(stored.contains(one.pending().entry().id())));
      } else if (batch.size() == 1) {
        batch.get(0).stored().fail(result.cause());
      } else {
        batch.forEach(one -> alone(tenant, one));
      }
    });
  }

  /** After a failed batch: the entry written by a statement of its own, so that it gets its own answer. */
  private void alone(TenantId tenant, Waiting one) {
    insert.insert(tenant, List.of(one.pending())).onComplete(result -> {
      if (result.succeeded()) {
        one.stored().complete(!result.result().isEmpty());
      } else {
        one.stored().fail(result.cause());
      }
    });
  }

  private void next(TenantId tenant) {
    List<Waiting> batch = new ArrayList<>();
    synchronized (this) {
      ArrayDeque<Waiting> queue = inFlight.get(tenant);
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(queue.poll());
      }
      if (batch.isEmpty()) {
        inFlight.remove(tenant);
        return;
      }
    }
    write(tenant, batch);
  }
}
