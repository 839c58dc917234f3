package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.audit.AuditAction;

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
          .compose(recorded -> ContactLogRevisions.restoreSealedDestroyAfter(client, actor.tenant(), failure));
    }
    return done;
  }
}
