package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import java.util.UUID;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * {@code /contact-tracing/contact-logs/{id}/receipt}: the slip the front desk prints for the visitor, as JSON or
 * as a printable page. It names the fields the entry holds (a mandate may make some optional), never a value, so
 * it can never carry contact data; and, like recording, it is not audited entry by entry, which would tie the
 * desk's staff member to the entry.
 */
public final class VisitReceiptApi implements Feature {
  private final ContactLogStore store;
  private final TenantSettings settings;

  public VisitReceiptApi(ContactLogStore store, TenantSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/contact-logs/{id}/receipt", this::get);
  }

  private Future<Response> get(RequestContext request) {
    UUID id = request.pathId("id");
    boolean html = request.accepts("text/html");
    return settings.get(request.tenant())
        .compose(s -> store.receipt(request.tenant(), id, s.timeZone(), s.legalCounsel()))
        .map(found -> found.orElseThrow(() -> new NotFound("Contact log entry not found: " + id)))
        .map(receipt -> (html
            ? Response.of(200, "text/html; charset=utf-8", receipt.toHtml())
            : Response.ok(receipt.toJson()))
            // nothing personal, but no cache need keep which slot an entry is in
            .withHeader("Cache-Control", "no-store"));
  }
}
