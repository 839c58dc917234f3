package org.folio.contacttracing.platform.audit;

import io.vertx.core.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.http.RequestContext;

/**
 * Writes each audit report as one log line (user, request and tenant come from the log context). It is the
 * audit until the append-only audit store takes over this seam.
 */
public final class LoggedAccessAudit implements AccessAudit {
  private static final Logger log = LogManager.getLogger("org.folio.contacttracing.audit");

  @Override
  public Future<Void> record(RequestContext request, AuditAction action, int recordCount) {
    log.info("audit action={} records={}", action.code(), recordCount);
    return Future.succeededFuture();
  }
}
