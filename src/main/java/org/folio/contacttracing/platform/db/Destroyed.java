package org.folio.contacttracing.platform.db;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.OffsetDateTime;
import java.util.Optional;

/** What a deletion of slotted rows destroyed: how many, and the first and last slot among them. */
public record Destroyed(int count, Optional<OffsetDateTime> first, Optional<OffsetDateTime> last) {
  public static final Destroyed NONE = new Destroyed(0, Optional.empty(), Optional.empty());

  /** From a row of {@code n}, {@code first} and {@code last}. */
  public static Destroyed of(RowSet<Row> rows) {
    Row row = rows.iterator().next();
    return new Destroyed(row.getLong("n").intValue(), Optional.ofNullable(row.getOffsetDateTime("first")),
        Optional.ofNullable(row.getOffsetDateTime("last")));
  }

  public Destroyed plus(Destroyed other) {
    return new Destroyed(count + other.count, earlier(first, other.first), later(last, other.last));
  }

  private static Optional<OffsetDateTime> earlier(Optional<OffsetDateTime> a, Optional<OffsetDateTime> b) {
    return a.isEmpty() ? b : b.filter(x -> x.isBefore(a.get())).or(() -> a);
  }

  private static Optional<OffsetDateTime> later(Optional<OffsetDateTime> a, Optional<OffsetDateTime> b) {
    return a.isEmpty() ? b : b.filter(x -> x.isAfter(a.get())).or(() -> a);
  }
}
