package org.folio.contacttracing.platform.audit;

import io.vertx.core.Future;
import org.folio.contacttracing.platform.http.RequestContext;

/**
 * The one seam through which every read, change and deletion of personal data, and every change of the
 * rules that govern it, is reported. Features call it; what it does with the report (log it, keep it in an
 * append-only table) is decided where the module is put together. Reports carry counts, never visitor data.
 */
public interface AccessAudit {

  /**
   * Reports one action.
   *
   * @param request who asked (user id, request id, tenant)
   * @param action what was done, for example {@code contact-log.read}
   * @param recordCount how many records it touched
   */
  Future<Void> record(RequestContext request, AuditAction action, int recordCount);
}
