package org.folio.contacttracing.platform.cql;

import java.util.List;

/**
 * A field of a resource that a {@code query} may search and sort by.
 *
 * @param name the field's JSON path in the records, such as {@code metadata.createdDate}
 * @param sql the SQL expression it maps to: fixed text of the store, never from the request
 * @param values for an {@link FieldType#ENUM}, the values it takes
 */
public record SearchField(String name, String sql, FieldType type, List<String> values) {

  public SearchField {
    values = List.copyOf(values);
  }

  public static SearchField of(String name, String sql, FieldType type) {
    return new SearchField(name, sql, type, List.of());
  }

  public static SearchField oneOf(String name, String sql, List<String> values) {
    return new SearchField(name, sql, FieldType.ENUM, values);
  }
}
