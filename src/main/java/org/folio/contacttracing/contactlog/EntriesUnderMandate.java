package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.mandate.RecordsUnderMandate;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.Actor;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The stored entries of a mandate follow its change, in the transaction of the change. A shorter retention moves
 * their destroyAfter earlier, to what {@link Mandate#destroyAfter} gives for their day, and never later. A field
 * the mandate stops collecting leaves them: each entry holding it is opened with its day's key and sealed again
 * without it. Either way the old versions stay in the day's partition as dead rows, so the day is marked for the
 * purge to rewrite it.
 */
public final class EntriesUnderMandate implements RecordsUnderMandate {
  private final ContactLogStore store;
  private final DataKeyStore keys;
  private final IntegrityFailures integrity;

  public EntriesUnderMandate(ContactLogStore store, DataKeyStore keys, AccessAudit audit) {
    this.store = store;
    this.keys = keys;
    this.integrity = new IntegrityFailures(audit);
  }

  @Override
  public Future<JsonObject> follow(SqlClient client, TenantId tenant, Mandate previous, Mandate changed,
      ZoneId zone, Actor actor) {
    boolean dropsFields = !changed.collectedFields().containsAll(previous.collectedFields());
    return DataKeyStore.daysOfMandate(client, tenant, changed.id())
        .compose(days -> shorten(client, tenant, changed, zone, days)
            // a shortened entry is sealed again too, with its new destroyAfter as the ceiling: otherwise the old,
            // later ceiling would let anyone who can write the table move it back unnoticed
            .compose(shortened -> (dropsFields || shortened > 0
                    ? reseal(client, tenant, changed, days, actor, shortened > 0)
                    : Future.succeededFuture(0))
                .map(resealed -> new JsonObject().put("contactLogsShortened", shortened)
                    .put("contactLogsResealed", resealed))));
  }

  /** Every entry of the mandate is destroyed no later than its retention now allows; the days touched are marked. */
  private static Future<Integer> shorten(SqlClient client, TenantId tenant, Mandate mandate, ZoneId zone,
      List<LocalDate> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture(0);
    }
    OffsetDateTime[] dues = days.stream()
        .map(day -> Timestamps.utc(mandate.destroyAfter(day, zone).toInstant())).toArray(OffsetDateTime[]::new);
    return ContactLogRevisions.shortenRetention(client, tenant, mandate.id(), days, dues);
  }

  /**
   * Day by day, the entries holding a field the mandate no longer collects are sealed again without it, and, when
   * {@code all}, every entry is sealed again (with its stored, possibly shortened destroyAfter as the ceiling).
   */
  private Future<Integer> reseal(SqlClient client, TenantId tenant, Mandate mandate, List<LocalDate> days,
      Actor actor, boolean all) {
    Future<Integer> done = Future.succeededFuture(0);
    for (LocalDate day : days) {
      done = done.compose(count -> resealDay(client, tenant, mandate, day, actor, all).map(more -> count + more));
    }
    return done;
  }

  private Future<Integer> resealDay(SqlClient client, TenantId tenant, Mandate mandate, LocalDate day,
      Actor actor, boolean all) {
    return store.lockedForMandateDay(client, tenant, mandate.id(), day).compose(read -> {
      Checked<List<ContactLog>> checked = Checked.of(read);
      List<ContactLog> narrowed = checked.value().stream()
          .filter(entry -> all || !entry.details().only(mandate.collectedFields()).equals(entry.details()))
          .map(entry -> entry.withDetails(entry.details().only(mandate.collectedFields())))
          .toList();
      // a row refused by its seal is left as it is: never served, and destroyed by the purge in time
      Future<Void> reported = integrity.report(client, actor, checked.failures());
      if (narrowed.isEmpty()) {
        return reported.map(0);
      }
      return reported
          .compose(done -> keys.forDay(client, tenant, mandate.id(), day))
          .compose(key -> ContactLogRevisions.replaceSeals(client, tenant, day,
              narrowed.stream().map(ContactLog::id).toList(),
              narrowed.stream().map(entry -> Buffer.buffer(EntrySeal.seal(key, entry))).toList()));
    });
  }
}
