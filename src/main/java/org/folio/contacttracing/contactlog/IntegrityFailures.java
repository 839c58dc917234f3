package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Reports entries refused by their seal: a WARN line and an audit event naming each entry, never its data. An
 * entry whose destroyAfter alone was moved later is set back to the sealed one, so that the purge destroys it on
 * time; a row changed otherwise keeps its destroyAfter, which the change did not touch.
 */
public final class IntegrityFailures {
  private static final Logger log = LogManager.getLogger(IntegrityFailures.class);

  private final AccessAudit audit;

  public IntegrityFailures(AccessAudit audit) {
    this.audit = audit;
  }

  /** Reports each failure through {@code client}: in the caller's transaction, or statement by statement. */
  public Future<Void> report(SqlClient client, Actor actor, List<IntegrityFailure> failures) {
    Future<Void> done = Future.succeededFuture();
    for (IntegrityFailure failure : failures) {
      log.warn("Contact log entry {} failed its integrity check ({}); it is not served", failure.id(),
          failure.reason());
      done = done
          .compose(previous -> audit.record(client, actor, AuditAction.CONTACT_LOG_INTEGRITY_FAILURE, 1,
              Optional.of(failure.id()), new JsonObject().put("reason", failure.reason())))
          .compose(recorded -> setBack(client, actor.tenant(), failure));
    }
    return done;
  }

  /** A destroyAfter moved later goes back to the sealed one; the old version's day is marked for erasure. */
  private static Future<Void> setBack(SqlClient client, TenantId tenant, IntegrityFailure failure) {
    if (failure.sealedDestroyAfter().isEmpty()) {
      return Future.succeededFuture();
    }
    return client.preparedQuery("WITH restored AS (UPDATE " + tenant.table("contact_log")
            + " SET destroy_after = $3 WHERE id = $1 AND visit_day = $2 AND destroy_after > $3 RETURNING visit_day)"
            + " INSERT INTO " + tenant.table("pending_erasure") + " (relation, visit_day)"
            + " SELECT '" + PendingErasure.CONTACT_LOG + "', visit_day FROM restored ON CONFLICT DO NOTHING")
        .execute(Tuple.of(failure.id(), failure.day(), Timestamps.utc(failure.sealedDestroyAfter().get())))
        .mapEmpty();
  }
}
