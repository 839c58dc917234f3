package org.folio.contacttracing.platform.cql;

import java.util.List;

/** A parsed {@code query}: what to find and in which order. */
public record CqlQuery(CqlNode where, List<SortKey> sortKeys) {

  /** What a collection answers without a {@code query}. */
  public static final CqlQuery ALL = new CqlQuery(new CqlNode.AllRecords(), List.of());

  public CqlQuery {
    sortKeys = List.copyOf(sortKeys);
  }

  /** One key of {@code sortby}. */
  public record SortKey(String field, boolean descending) {
  }

  /** The query as CQL text that parses back to an equal query. */
  public String toCql() {
    StringBuilder text = new StringBuilder();
    print(where, text);
    if (!sortKeys.isEmpty()) {
      text.append(" sortby");
      sortKeys.forEach(key -> text.append(' ').append(key.field())
          .append(key.descending() ? "/sort.descending" : "/sort.ascending"));
    }
    return text.toString();
  }

  private static void print(CqlNode node, StringBuilder text) {
    if (node instanceof CqlNode.Clause clause) {
      text.append(clause.field()).append(' ').append(clause.relation().symbol()).append(' ')
          .append(quoted(clause.term(), clause.rightTruncated()));
    } else if (node instanceof CqlNode.Bool bool) {
      // CQL's booleans bind equally and from the left: only a boolean on the right needs parentheses
      print(bool.left(), text);
      text.append(' ').append(bool.operator().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
      boolean nested = bool.right() instanceof CqlNode.Bool;
      text.append(nested ? "(" : "");
      print(bool.right(), text);
      text.append(nested ? ")" : "");
    } else {
      text.append("cql.allRecords=1");
    }
  }

  private static String quoted(String term, boolean rightTruncated) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : term.toCharArray()) {
      if (c == '"' || c == '\\' || c == '*' || c == '?' || c == '^') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append(rightTruncated ? "*\"" : "\"").toString();
  }
}
