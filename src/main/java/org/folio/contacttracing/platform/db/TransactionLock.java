package org.folio.contacttracing.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * A PostgreSQL advisory lock held until the caller's transaction ends, keyed by a name such as a schema-qualified
 * table. Serialises work across every module instance sharing the database; a crash releases it with the
 * transaction.
 */
public final class TransactionLock {
  private TransactionLock() {
  }

  public static Future<Void> acquire(SqlConnection conn, String name) {
    return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(name)).mapEmpty();
  }

  /** Any lock the transaction waits for longer than {@code timeout} (such as {@code 5s}) fails it instead. */
  public static Future<Void> waitAtMost(SqlConnection conn, String timeout) {
    if (!timeout.matches("\\d+(ms|s)")) {
      throw new IllegalArgumentException("lock timeout " + timeout);
    }
    return conn.query("SET LOCAL lock_timeout = '" + timeout + "'").execute().mapEmpty();
  }
}
