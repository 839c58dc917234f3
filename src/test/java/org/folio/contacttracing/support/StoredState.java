package org.folio.contacttracing.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A fingerprint of everything a tenant has stored: per table of its schema, the row count and a digest of the rows. */
public final class StoredState {
  private static Connection connection;

  private StoredState() {
  }

  /** One connection, kept for the run: properties take a snapshot on every try. */
  private static synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = TestPostgres.connect();
    }
    return connection;
  }

  /** Table name to {@code <rows>:<md5 of the rows in a stable order>}; empty when the schema does not exist. */
  public static synchronized Map<String, String> of(String schema) {
    try {
      Connection conn = connection();
      List<String> tables = new ArrayList<>();
      try (PreparedStatement st = conn.prepareStatement("SELECT table_name FROM information_schema.tables "
          + "WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY 1")) {
        st.setString(1, schema);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      Map<String, String> state = new TreeMap<>();
      if (tables.isEmpty()) {
        return state;
      }
      List<String> parts = new ArrayList<>();
      for (String table : tables) {
        parts.add("SELECT '" + table + "', count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
            + " FROM \"" + schema + "\".\"" + table + "\" t");
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(String.join(" UNION ALL ", parts))) {
        while (rs.next()) {
          state.put(rs.getString(1), rs.getString(2));
        }
      }
      return state;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the stored state of " + schema, e);
    }
  }
}
