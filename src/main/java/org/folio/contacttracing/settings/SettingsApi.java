package org.folio.contacttracing.settings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;

/** {@code /contact-tracing/settings}: read and replace the library's settings. */
public final class SettingsApi implements Feature {
  private final SettingsStore store;
  private final AccessAudit audit;
  private final Clock clock;

  public SettingsApi(SettingsStore store, AccessAudit audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/settings", this::get);
    api.put("/contact-tracing/settings", "settings.json", Api.accountable(this::put));
  }

  private Future<Response> get(RequestContext request) {
    return store.get(request.tenant()).map(settings -> Response.ok(settings.toJson()));
  }

  private Future<Response> put(RequestContext request) {
    Settings settings = Settings.fromJson(request.body());
    return store.inTransaction(conn -> store
            .update(conn, request.tenant(), settings, clock.instant(), request.userId())
            .compose(updated -> audit.record(conn, request.actor(), AuditAction.SETTINGS_UPDATE, 1, Optional.empty(),
                new JsonObject())))
        .map(Response.noContent());
  }
}
