package org.folio.contacttracing.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;

/** The earliest value of a column still kept in a table, such as a report's default start. */
public final class Earliest {
  private Earliest() {
  }

  /**
   * @param table a schema-qualified table, named by the store that owns it
   * @return empty when the table holds no row
   */
  public static <T> Future<Optional<T>> of(SqlClient client, String table, String column, Class<T> type) {
    return client.query("SELECT min(" + column + ") FROM " + table).execute()
        .map(rows -> Optional.ofNullable(rows.iterator().next().get(type, 0)));
  }
}
