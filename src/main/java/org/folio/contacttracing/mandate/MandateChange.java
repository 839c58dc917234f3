package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * The one way an existing mandate changes, whether by a PUT or by a review with the authority: saved under the
 * lock that serialises mandate changes, what is recorded under it follows in the same transaction, and the change
 * is audited as {@code mandate.update} with the counts of what followed.
 */
public final class MandateChange {
  private final MandateStore store;
  private final TenantSettings settings;
  private final AccessAudit audit;
  private final List<RecordsUnderMandate> records;

  /** @param records what is recorded under mandates, and must follow their changes */
  public MandateChange(MandateStore store, TenantSettings settings, AccessAudit audit, List<RecordsUnderMandate> records) {
    this.store = store;
    this.settings = settings;
    this.audit = audit;
    this.records = List.copyOf(records);
  }

  /**
   * @param first runs first in the transaction, with the mandate as it was, read under the lock; its failure
   *     undoes the whole change
   * @return false when there is no such mandate
   */
  Future<Boolean> replace(Actor actor, Mandate changed,
      BiFunction<SqlClient, Mandate, Future<Void>> first) {
    return store.save(actor.tenant(), changed, false, (conn, previous) -> {
      // the update wrote a row, so the mandate was there when the lock was taken
      Mandate before = previous.orElseThrow();
      return first.apply(conn, before)
          .compose(done -> follow(conn, actor, before, changed))
          .compose(followed -> audit.record(conn, actor, AuditAction.MANDATE_UPDATE, 1,
              Optional.of(changed.id()), followed));
    });
  }

  /**
   * What is recorded under the mandate follows its change, in its transaction: a shorter retention and a field no
   * longer collected reach the entries and decline counts already stored. The counts go into the audit event.
   */
  private Future<JsonObject> follow(SqlClient conn, Actor actor, Mandate previous, Mandate changed) {
    return settings.get(conn, actor.tenant()).compose(s -> {
      Future<JsonObject> followed = Future.succeededFuture(new JsonObject());
      for (RecordsUnderMandate recorded : records) {
        followed = followed.compose(counts -> recorded.follow(conn, actor.tenant(), previous, changed,
            s.timeZone(), actor).map(counts::mergeIn));
      }
      return followed;
    });
  }
}
