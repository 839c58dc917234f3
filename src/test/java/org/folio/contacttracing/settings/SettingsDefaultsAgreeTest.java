package org.folio.contacttracing.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.folio.contacttracing.support.Migrations;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The settings' defaults are written twice: as V1's column defaults (the row the migrations create) and as
 * {@link Settings#DEFAULTS} (when there is no row). A row made of the columns' defaults reads as those defaults.
 */
class SettingsDefaultsAgreeTest {
  private static final String SCHEMA = "settingsdefaults_mod_contact_tracing";

  @Test
  void theColumnsDefaultsAreTheJavaDefaults() throws SQLException {
    Migrations.rebuildAt(SCHEMA, Migrations.newest());
    try (Connection conn = TestPostgres.connect(); Statement statement = conn.createStatement()) {
      // the migrations create the row from the columns' defaults; a fresh one must read the same
      statement.execute("DELETE FROM " + SCHEMA + ".settings");
      statement.execute("INSERT INTO " + SCHEMA + ".settings DEFAULT VALUES");
      try (ResultSet row = statement.executeQuery("SELECT * FROM " + SCHEMA + ".settings")) {
        assertThat(row.next()).isTrue();
        Settings d = Settings.DEFAULTS;
        assertThat(row.getString("time_zone")).isEqualTo(d.timeZone().getId());
        assertThat(row.getInt("time_granularity_minutes")).isEqualTo(d.timeGranularityMinutes());
        assertThat(row.getInt("max_disclosure_window_days")).isEqualTo(d.maxDisclosureWindowDays());
        assertThat(row.getInt("release_hours")).isEqualTo(d.releaseHours());
        assertThat(row.getInt("max_hold_days")).isEqualTo(d.maxHoldDays());
        assertThat(row.getInt("audit_retention_days")).isEqualTo(d.auditRetentionDays());
      } finally {
        statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
      }
    }
  }
}
