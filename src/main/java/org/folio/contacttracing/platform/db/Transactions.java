package org.folio.contacttracing.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * Transactions that spend few round trips holding a pooled connection: the connection pipelines statements
 * that do not wait for each other's answers, so their latencies overlap.
 */
public final class Transactions {
  private Transactions() {
  }

  /**
   * A transaction whose {@code BEGIN} travels with the work's first statements instead of waiting for its own
   * answer. Commit after the work succeeds, rollback after it fails; the work's own failure is what the
   * caller sees.
   */
  public static <T> Future<T> pipelined(Pool pool, Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(conn -> pipelined(conn, work));
  }

  /** {@link #pipelined(Pool, Function)} on a connection the caller holds and no transaction is open on. */
  public static <T> Future<T> pipelined(SqlConnection conn, Function<SqlConnection, Future<T>> work) {
    Future<Transaction> begun = conn.begin();
    Future<T> done;
    try {
      done = work.apply(conn);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.transform(outcome -> outcome.succeeded()
        ? begun.compose(Transaction::commit).map(outcome.result())
        : begun.compose(Transaction::rollback).transform(rolledBack -> Future.failedFuture(outcome.cause())));
  }
}
