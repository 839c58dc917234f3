package org.folio.contacttracing.platform.cql;

import java.util.Optional;

/** The CQL relations of the subset, with the SQL comparison each stands for. */
public enum Relation {
  EXACT("==", "="),
  EQUALS("=", "="),
  NOT_EQUAL("<>", "<>"),
  LESS("<", "<"),
  LESS_OR_EQUAL("<=", "<="),
  GREATER(">", ">"),
  GREATER_OR_EQUAL(">=", ">=");

  private final String symbol;
  private final String sql;

  Relation(String symbol, String sql) {
    this.symbol = symbol;
    this.sql = sql;
  }

  public String symbol() {
    return symbol;
  }

  String sql() {
    return sql;
  }

  /** Whether it orders values rather than matching them. */
  boolean ordering() {
    return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
  }

  static Optional<Relation> ofSymbol(String symbol) {
    for (Relation relation : values()) {
      if (relation.symbol.equals(symbol)) {
        return Optional.of(relation);
      }
    }
    return Optional.empty();
  }
}
