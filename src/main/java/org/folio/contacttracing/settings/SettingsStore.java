package org.folio.contacttracing.settings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.tenant.TenantId;

/** The one settings row of each tenant; the migration creates it with the defaults. */
public final class SettingsStore implements TenantSettings {
  private final Pool pool;

  public SettingsStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Settings> get(TenantId tenant) {
    return get(pool, tenant);
  }

  @Override
  public Future<Settings> get(SqlClient client, TenantId tenant) {
    // prepared, so PostgreSQL parses and plans it once per connection: every visit reads it
    return client.preparedQuery("SELECT * FROM " + tenant.table("settings")).execute()
        .map(rows -> rows.size() == 0 ? Settings.DEFAULTS : toSettings(rows.iterator().next()));
  }

  /** {@code work} in one transaction: committed when it succeeds, rolled back when it fails. */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work);
  }

  public Future<Void> update(SqlClient client, TenantId tenant, Settings settings, Instant now,
      Optional<UUID> userId) {
    return client.preparedQuery("UPDATE " + tenant.table("settings") + " SET time_zone = $1, "
            + "time_granularity_minutes = $2, max_disclosure_window_days = $3, release_hours = $4, "
            + "max_hold_days = $5, audit_retention_days = $6, updated_date = $7, updated_by_user_id = $8, "
            + "statute_citation = $9, statute_url = $10, counsel_office = $11, counsel_phone = $12, "
            + "counsel_email = $13, notice_wording = $14")
        .execute(Tuple.from(new Object[] {settings.timeZone().getId(), settings.timeGranularityMinutes(),
            settings.maxDisclosureWindowDays(), settings.releaseHours(), settings.maxHoldDays(),
            settings.auditRetentionDays(), Timestamps.utc(now), userId.orElse(null),
            settings.statute().map(Statute::citation).orElse(null),
            settings.statute().flatMap(Statute::url).orElse(null),
            settings.legalCounsel().map(LegalCounsel::office).orElse(null),
            settings.legalCounsel().flatMap(LegalCounsel::phone).orElse(null),
            settings.legalCounsel().flatMap(LegalCounsel::email).orElse(null),
            settings.noticeWording().byLanguage().isEmpty() ? null : settings.noticeWording().toJson()}))
        .mapEmpty();
  }

  /**
   * A column added by a later migration: every request reads the settings, and a schema whose upgrade job has
   * not yet reached V11__statute_and_counsel.sql has no statute and no counsel, not an error.
   */
  private static Optional<String> optional(Row row, String column) {
    return row.getColumnIndex(column) < 0 ? Optional.empty() : Optional.ofNullable(row.getString(column));
  }

  private static Settings toSettings(Row row) {
    return new Settings(
        ZoneId.of(row.getString("time_zone")),
        row.getInteger("time_granularity_minutes"),
        row.getInteger("max_disclosure_window_days"),
        row.getInteger("release_hours"),
        row.getInteger("max_hold_days"),
        row.getInteger("audit_retention_days"),
        optional(row, "statute_citation")
            .map(citation -> new Statute(citation, optional(row, "statute_url"))),
        optional(row, "counsel_office")
            .map(office -> new LegalCounsel(office, optional(row, "counsel_phone"), optional(row, "counsel_email"))),
        // V14__notice_wording.sql, read as tolerantly as the columns of V11
        row.getColumnIndex("notice_wording") < 0 || row.getValue("notice_wording") == null ? NoticeWording.NONE
            : NoticeWording.fromJson((JsonObject) row.getValue("notice_wording")),
        Optional.of(Metadata.from(row)));
  }
}
