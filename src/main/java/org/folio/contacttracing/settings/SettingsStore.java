package org.folio.contacttracing.settings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
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

  public Pool pool() {
    return pool;
  }

  public Future<Void> update(SqlClient client, TenantId tenant, Settings settings, Instant now,
      Optional<UUID> userId) {
    return client.preparedQuery("UPDATE " + tenant.table("settings") + " SET time_zone = $1, "
            + "time_granularity_minutes = $2, max_disclosure_window_days = $3, release_hours = $4, "
            + "max_hold_days = $5, audit_retention_days = $6, updated_date = $7, updated_by_user_id = $8, "
            + "statute_citation = $9, statute_url = $10, counsel_office = $11, counsel_phone = $12, "
            + "counsel_email = $13")
        .execute(Tuple.from(new Object[] {settings.timeZone().getId(), settings.timeGranularityMinutes(),
            settings.maxDisclosureWindowDays(), settings.releaseHours(), settings.maxHoldDays(),
            settings.auditRetentionDays(), Timestamps.utc(now), userId.orElse(null),
            settings.statute().map(Statute::citation).orElse(null),
            settings.statute().flatMap(Statute::url).orElse(null),
            settings.legalCounsel().map(LegalCounsel::office).orElse(null),
            settings.legalCounsel().flatMap(LegalCounsel::phone).orElse(null),
            settings.legalCounsel().flatMap(LegalCounsel::email).orElse(null)}))
        .mapEmpty();
  }

  private static Settings toSettings(Row row) {
    return new Settings(
        ZoneId.of(row.getString("time_zone")),
        row.getInteger("time_granularity_minutes"),
        row.getInteger("max_disclosure_window_days"),
        row.getInteger("release_hours"),
        row.getInteger("max_hold_days"),
        row.getInteger("audit_retention_days"),
        Optional.ofNullable(row.getString("statute_citation"))
            .map(citation -> new Statute(citation, Optional.ofNullable(row.getString("statute_url")))),
        Optional.ofNullable(row.getString("counsel_office"))
            .map(office -> new LegalCounsel(office, Optional.ofNullable(row.getString("counsel_phone")),
                Optional.ofNullable(row.getString("counsel_email")))),
        Optional.of(Metadata.from(row)));
  }
}
