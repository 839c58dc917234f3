package org.folio.contacttracing.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

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
}
