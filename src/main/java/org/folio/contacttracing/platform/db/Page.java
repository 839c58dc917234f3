package org.folio.contacttracing.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SqlSearch;
import org.folio.contacttracing.platform.db.Paging;

/**
 * One page of a listing and the number of all matching records, as FOLIO collections report them.
 *
 * @param records the records of this page
 * @param totalRecords how many match in all
 */
public record Page<T>(List<T> records, int totalRecords) {

  /**
   * Runs a count and a page query over the same filter. The page query takes the filter's parameters and then
   * {@code OFFSET} and {@code LIMIT} as the next two; with {@code limit} 0 only the count runs.
   */
  public static <T> Future<Page<T>> query(SqlClient client, String countSql, String pageSql, Object[] filter,
      int offset, int limit, Function<RowSet<Row>, List<T>> mapper) {
    Future<Integer> total = client.preparedQuery(countSql).execute(Tuple.from(filter))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
    if (limit == 0) {
      return total.map(count -> new Page<>(List.of(), count));
    }
    return client.preparedQuery(pageSql).execute(Tuple.from(filter).addInteger(offset).addInteger(limit))
        .compose(rows -> total.map(count -> new Page<>(mapper.apply(rows), count)));
  }

  /**
   * A page of {@code SELECT columns FROM from}, of the rows that pass the store's {@code filter} (a {@code WHERE}
   * clause over {@code filterParams}) and the client's {@code search}, in the search's order, then the store's.
   */
  public static <T> Future<Page<T>> search(SqlClient client, String columns, String from, String filter,
      Object[] filterParams, Search search, String storeOrder, Paging paging, Function<RowSet<Row>, List<T>> mapper) {
    SqlSearch sql = search.sql(filterParams.length + 1);
    String where = filter + " AND " + sql.condition();
    Object[] params = new Object[filterParams.length + sql.params().size()];
    System.arraycopy(filterParams, 0, params, 0, filterParams.length);
    System.arraycopy(sql.params().toArray(), 0, params, filterParams.length, sql.params().size());
    int next = params.length + 1;
    return query(client, "SELECT count(*) FROM " + from + where,
        "SELECT " + columns + " FROM " + from + where + " ORDER BY " + sql.orderBy(storeOrder)
            + " OFFSET $" + next + " LIMIT $" + (next + 1),
        params, paging.offset(), paging.limit(), mapper);
  }
}
