package org.folio.contacttracing.platform.cql;

import java.util.List;

/**
 * A query as SQL for a store: a condition whose every value is a parameter, and an order.
 *
 * @param condition a boolean SQL expression over the whitelisted columns, {@code TRUE} for every record
 * @param params the values of its parameters, numbered from the first one the store gave
 * @param orderBy the sort keys as {@code expression ASC|DESC} list, empty without {@code sortby}
 */
public record SqlSearch(String condition, List<Object> params, String orderBy) {

  public SqlSearch {
    params = List.copyOf(params);
  }

  /** The order by the query's sort keys, then the store's own order, which also makes paging stable. */
  public String orderBy(String storeOrder) {
    return orderBy.isEmpty() ? storeOrder : orderBy + ", " + storeOrder;
  }
}
