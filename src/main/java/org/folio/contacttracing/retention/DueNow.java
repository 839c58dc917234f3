package org.folio.contacttracing.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.folio.contacttracing.contactlog.ContactLogErasure;
import org.folio.contacttracing.contactlog.ContactLogStore;
import org.folio.contacttracing.contactlog.DataKeyStore;
import org.folio.contacttracing.disclosure.Hold;
import org.folio.contacttracing.paperlog.PaperLogStore;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.Settings;

/** What is due for destruction at a moment and not yet destroyed, in the tables or in their files. */
final class DueNow {
  private final Pool pool;
  private final PaperLogStore paperLogs;
  private final ContactLogStore contactLogs;

  DueNow(Pool pool, ContactLogStore contactLogs, PaperLogStore paperLogs) {
    this.pool = pool;
    this.contactLogs = contactLogs;
    this.paperLogs = paperLogs;
  }

  /** Due entries and paper logs, split into those a disclosure holds and the overdue rest. */
  record Remaining(int overdue, int held, PaperLogStore.Due paperLogs) {
  }

  /** Entries past their destroyAfter and paper logs past their shredBy now: those no disclosure holds are overdue. */
  Future<Remaining> remaining(TenantId tenant, OffsetDateTime now, Settings s) {
    return paperLogs.due(pool, tenant, now.toInstant(), s.maxHoldDays()).compose(sheets -> contactLogs
        .countDue(pool, tenant, now, s.maxHoldDays(), Hold.notHeldSql(tenant, "$1", "$2"))
        .map(due -> new Remaining(due.overdue(), due.held(), sheets)));
  }

  /**
   * Days whose partition's files still hold deleted entries, or entries of ended slots in the order and under the
   * transaction ids their writers gave them; whether data_key's files still hold a destroyed key or a key under
   * its writer's transaction id.
   */
  Future<JsonObject> pendingErasure(TenantId tenant, OffsetDateTime now) {
    Future<List<LocalDate>> days = ContactLogErasure.daysPendingErasure(pool, tenant, now);
    Future<Boolean> keys = DataKeyStore.erasurePending(pool, tenant);
    return Future.all(days, keys).map(all -> new JsonObject()
        .put("erasurePending", new JsonArray(days.result().stream().map(LocalDate::toString).toList()))
        .put("dataKeyErasurePending", keys.result()));
  }
}
