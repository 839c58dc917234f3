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
 * Stores admitted entries with group commit: while a tenant has its most inserts in flight, the entries that arrive
 * wait, and the next statement stores all of them with its one commit. Nothing waits for a timer: an entry arriving
 * when the tenant has fewer inserts in flight is written at once. Each entry is answered only when its own row is
 * committed. Holds only the requests in flight; a tenant with none has no queue.
 */
final class GroupCommit {
  /** Entries per statement at most; the rest wait for the next one. */
  static final int MAX_BATCH = 100;

  /** Statements in flight per tenant: one executes while another waits for its commit's flush to disk. */
  static final int IN_FLIGHT = 2;

  private record Waiting(ContactLogStore.Pending pending, Promise<Boolean> stored) {
  }

  /** The statement that stores a batch: the ids of those stored, the others' admission no longer held. */
  @FunctionalInterface
  interface Insert {
    Future<Set<UUID>> insert(TenantId tenant, List<ContactLogStore.Pending> batch);
  }

  /** A tenant's inserts in flight, and the entries waiting for one of them to finish. */
  private static final class Tenant {
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;
  }

  private final Insert insert;
  private final int mostInFlight;
  /** Per tenant with an insert in flight; guarded by this. */
  private final Map<TenantId, Tenant> tenants = new HashMap<>();

  GroupCommit(Insert insert) {
    this(insert, IN_FLIGHT);
  }

  GroupCommit(Insert insert, int mostInFlight) {
    this.insert = insert;
    this.mostInFlight = mostInFlight;
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
      Tenant state = tenants.computeIfAbsent(tenant, absent -> new Tenant());
      if (state.inFlight >= mostInFlight) {
        state.queue.add(waiting);
        return waiting.stored().future();
      }
      state.inFlight++;
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
      Tenant state = tenants.get(tenant);
      while (!state.queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(state.queue.poll());
      }
      if (batch.isEmpty()) {
        if (--state.inFlight == 0) {
          tenants.remove(tenant);
        }
        return;
      }
    }
    write(tenant, batch);
  }
}
