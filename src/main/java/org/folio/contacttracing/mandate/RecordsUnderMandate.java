package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.ZoneId;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * What other features recorded under a mandate, brought in line with a change of it in the same transaction: a
 * shorter retention reaches what is already stored, and a field the mandate stops collecting leaves it. Nothing
 * is ever kept longer than it was to be.
 */
public interface RecordsUnderMandate {

  /**
   * @param previous the mandate as it was, read under the lock that serialises mandate changes
   * @param changed the mandate as just saved
   * @param zone the library's time zone, in which retention is counted
   * @return counts of what changed, for the mandate change's audit event
   */
  Future<JsonObject> follow(SqlClient client, TenantId tenant, Mandate previous, Mandate changed, ZoneId zone,
      Actor actor);
}
