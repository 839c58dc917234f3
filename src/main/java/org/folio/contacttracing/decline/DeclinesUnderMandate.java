package org.folio.contacttracing.decline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.ZoneId;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.mandate.RecordsUnderMandate;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.tenant.TenantId;

/** Decline counts follow a mandate's shorter retention: counted under it, they are destroyed no later. */
public final class DeclinesUnderMandate implements RecordsUnderMandate {
  private final DeclineStore store;

  public DeclinesUnderMandate(DeclineStore store) {
    this.store = store;
  }

  @Override
  public Future<JsonObject> follow(SqlClient client, TenantId tenant, Mandate previous, Mandate changed,
      ZoneId zone, Actor actor) {
    return store.destroyNoLaterThan(client, tenant, changed, zone)
        .map(shortened -> new JsonObject().put("declineCountsShortened", shortened));
  }
}
