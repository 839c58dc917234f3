package org.folio.contacttracing.paperlog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.ZoneId;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.mandate.RecordsUnderMandate;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.tenant.TenantId;

/** Paper logs follow a mandate's shorter retention: kept under it, they are shredded no later than its entries. */
public final class PaperLogsUnderMandate implements RecordsUnderMandate {
  private final PaperLogStore store;

  public PaperLogsUnderMandate(PaperLogStore store) {
    this.store = store;
  }

  @Override
  public Future<JsonObject> follow(SqlClient client, TenantId tenant, Mandate previous, Mandate changed,
      ZoneId zone, Actor actor) {
    return store.shredNoLaterThan(client, tenant, changed.id(), lastDay -> PaperLog.shredBy(changed, lastDay, zone))
        .map(moved -> new JsonObject().put("paperLogsShortened", moved));
  }
}
