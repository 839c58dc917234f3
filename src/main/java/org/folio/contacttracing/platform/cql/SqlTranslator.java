package org.folio.contacttracing.platform.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Turns a query into SQL over a resource's whitelist. Field names become the whitelist's fixed SQL expressions,
 * every term becomes a typed parameter: nothing a client wrote reaches the SQL text.
 */
final class SqlTranslator {
  private final SearchFields fields;
  private final int firstParam;
  private final List<Object> params = new ArrayList<>();

  private SqlTranslator(SearchFields fields, int firstParam) {
    this.fields = fields;
    this.firstParam = firstParam;
  }

  static SqlSearch translate(CqlQuery query, SearchFields fields, int firstParam) {
    SqlTranslator translator = new SqlTranslator(fields, firstParam);
    String condition = translator.condition(query.where());
    StringJoiner order = new StringJoiner(", ");
    for (CqlQuery.SortKey key : query.sortKeys()) {
      order.add(fields.field(key.field()).sql() + (key.descending() ? " DESC" : " ASC") + " NULLS LAST");
    }
    return new SqlSearch(condition, translator.params, order.toString());
  }

  private String condition(CqlNode node) {
    if (node instanceof CqlNode.Bool bool) {
      String left = condition(bool.left());
      String right = condition(bool.right());
      return switch (bool.operator()) {
        case AND -> "(" + left + " AND " + right + ")";
        case OR -> "(" + left + " OR " + right + ")";
        // a record without the field does not match the right side, so "not" keeps it
        case NOT -> "(" + left + " AND NOT COALESCE(" + right + ", FALSE))";
      };
    }
    if (node instanceof CqlNode.Clause clause) {
      return clause(clause);
    }
    return "TRUE";
  }

  private String clause(CqlNode.Clause clause) {
    SearchField field = fields.field(clause.field());
    Relation relation = clause.relation();
    if (clause.rightTruncated()) {
      if (field.type() != FieldType.TEXT || relation.ordering()) {
        throw new CqlException("* at the end of a term (starts with) is for text fields with ==, = or <>; "
            + field.name() + " is not one, or the relation orders");
      }
      String pattern = parameter(escapeLike(clause.term()) + "%", FieldType.TEXT);
      String like = relation == Relation.NOT_EQUAL ? " NOT LIKE " : " LIKE ";
      return relation == Relation.EQUALS
          ? "lower(" + field.sql() + ")" + like + "lower(" + pattern + ") ESCAPE '\\'"
          : field.sql() + like + pattern + " ESCAPE '\\'";
    }
    if (relation.ordering() && field.type() != FieldType.DATE && field.type() != FieldType.TIMESTAMP
        && field.type() != FieldType.INTEGER && field.type() != FieldType.TEXT) {
      throw new CqlException(field.name() + " takes only ==, = and <>");
    }
    String value = parameter(field.type().parse(field.name(), clause.term(), field.values()), field.type());
    if (field.type() == FieldType.TEXT && relation == Relation.EQUALS) {
      return "lower(" + field.sql() + ") = lower(" + value + ")";
    }
    return field.sql() + " " + relation.sql() + " " + value;
  }

  private String parameter(Object value, FieldType type) {
    params.add(value);
    return "$" + (firstParam + params.size() - 1) + "::" + type.sqlType();
  }

  /** A literal for LIKE: its own wildcards and escape character escaped. */
  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
