package org.folio.contacttracing.platform.cql;

/** The search part of a parsed query: a tree of clauses joined by booleans. */
public sealed interface CqlNode {

  /** {@code cql.allRecords=1}: every record. */
  record AllRecords() implements CqlNode {
  }

  /**
   * {@code field relation term}.
   *
   * @param term the term as meant, CQL escapes removed
   * @param rightTruncated whether the term ended with an unescaped {@code *}: "starts with"
   */
  record Clause(String field, Relation relation, String term, boolean rightTruncated) implements CqlNode {
  }

  /** CQL's booleans are binary: {@code a not b} means a and not b. */
  enum Operator { AND, OR, NOT }

  record Bool(Operator operator, CqlNode left, CqlNode right) implements CqlNode {
  }
}
