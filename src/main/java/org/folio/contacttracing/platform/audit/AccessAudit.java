package org.folio.contacttracing.platform.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;

/**
 * The one seam through which every read, change and deletion of personal data, every disclosure step, every
 * change of the rules that govern them, and every purge is reported. Reports carry who, what and how many,
 * never visitor data.
 */
public interface AccessAudit {

  /**
   * Reports one action inside the caller's transaction, so the action and its record stand or fall together.
   *
   * @param target the record acted on, if there is one
   * @param details counts and periods only
   */
  Future<Void> record(SqlClient client, Actor actor, AuditAction action, int recordCount,
      Optional<UUID> target, JsonObject details);

  /** Reports one action on its own connection; for reads, before their data is answered. */
  Future<Void> record(Actor actor, AuditAction action, int recordCount, Optional<UUID> target);

  default Future<Void> record(Actor actor, AuditAction action, int recordCount) {
    return record(actor, action, recordCount, Optional.empty());
  }

  /** Reports an action on the one record {@code target}, inside the caller's transaction, without details. */
  default Future<Void> recordOne(SqlClient client, Actor actor, AuditAction action, UUID target) {
    return record(client, actor, action, 1, Optional.of(target), new JsonObject());
  }
}
