package org.folio.contacttracing.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * A transaction whose {@code BEGIN} travels with its first statements instead of waiting for its own answer:
 * the connection pipelines them, so a short write spends one round trip less holding a pooled connection.
 * Statements the work sends without waiting for each other are pipelined too. The work's outcome decides:
 * commit after success, rollback after failure, and the work's own failure is what the caller sees.
 */
public final class PipelinedTransaction {
  private PipelinedTransaction() {
  }

  public static <T> Future<T> run(Pool pool, Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(conn -> {
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
    });
  }
}
