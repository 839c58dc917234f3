package org.folio.contacttracing.platform.cql;

import java.util.Optional;

/**
 * A collection's {@code query} parameter, parsed and checked against the resource's whitelist when the request
 * arrives, so that a bad query is a 400 before anything is read.
 */
public final class Search {
  private final CqlQuery query;
  private final SearchFields fields;

  private Search(CqlQuery query, SearchFields fields) {
    this.query = query;
    this.fields = fields;
  }

  /** Without a query (or with an empty one) every record, in the store's order. */
  public static Search of(Optional<String> query, SearchFields fields) {
    Search search = new Search(query.map(CqlParser::parse).orElse(CqlQuery.ALL), fields);
    search.sql(1);
    return search;
  }

  /** The query as SQL whose parameters are numbered from {@code firstParam}, after the store's own. */
  public SqlSearch sql(int firstParam) {
    return SqlTranslator.translate(query, fields, firstParam);
  }

  public CqlQuery query() {
    return query;
  }
}
