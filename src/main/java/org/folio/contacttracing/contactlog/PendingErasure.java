package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The {@code pending_erasure} table: days whose partition, and whether {@code data_key}, still hold destroyed data
 * in dead rows after a deletion, a correction or a re-sealing. PostgreSQL leaves such rows in the relation files
 * until the table is rewritten; the hourly purge rewrites what is marked here. A mark is written in the
 * transaction of the change it follows, which is audited per entry anyway.
 */
public final class PendingErasure {
  public static final String CONTACT_LOG = "contact_log";
  public static final String DATA_KEY = "data_key";

  private PendingErasure() {
  }

  /** Marks the day's partition of the log, or {@code data_key}, to be rewritten by the next purge. */
  public static Future<Void> mark(SqlClient client, TenantId tenant, String relation, LocalDate day) {
    return client.preparedQuery("INSERT INTO " + tenant.table("pending_erasure") + " (relation, visit_day)"
            + " VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(relation, day))
        .mapEmpty();
  }
}
