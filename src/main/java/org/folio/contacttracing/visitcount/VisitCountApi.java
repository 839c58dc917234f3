package org.folio.contacttracing.visitcount;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.folio.contacttracing.platform.failure.Malformed;
import java.util.Set;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;
import org.folio.contacttracing.platform.cql.SqlSearch;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.Locations;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * {@code /contact-tracing/visit-counts}: per day (in the library's time zone) and location, how many visits
 * were logged and how many visitors declined. Numbers only.
 */
public final class VisitCountApi implements Feature {
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  /** What a {@code query} on visit counts may search and sort by: the day, the location and the two counts. */
  static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("date", "v.day", FieldType.DATE),
      SearchField.of("location", "v.location", FieldType.TEXT),
      SearchField.of("logged", "v.logged", FieldType.INTEGER),
      SearchField.of("declined", "v.declined", FieldType.INTEGER));

  private final Pool pool;
  private final TenantSettings settings;
  private final Clock clock;

  public VisitCountApi(Pool pool, TenantSettings settings, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/visit-counts", Set.of("from", "to", "location", "query"), this::list);
  }

  private Future<Response> list(RequestContext request) {
    Optional<LocalDate> from = request.query().date("from");
    Optional<LocalDate> to = request.query().date("to");
    Optional<String> location = request.query().string("location").map(Locations::require);
    Search search = Search.of(request.query().string("query"), FIELDS);
    return settings.get(request.tenant()).compose(s -> {
      LocalDate last = to.orElseGet(() -> s.today(clock));
      LocalDate first = from.orElse(last.minusDays(DEFAULT_DAYS));
      if (last.isBefore(first)) {
        throw new Malformed("to must not be before from");
      }
      if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
        throw new Malformed("The window from from to to must be at most " + MAX_DAYS + " days");
      }
      return counts(request.tenant(), s.timeZone(), first, last, location, search);
    }).map(counts -> Response.ok(new JsonObject().put("visitCounts", counts).put("totalRecords", counts.size())));
  }

  private Future<JsonArray> counts(TenantId tenant, ZoneId zone, LocalDate first, LocalDate last,
      Optional<String> location, Search search) {
    String window = " WHERE visited_bucket >= $2 AND visited_bucket < $3 AND ($4::text IS NULL OR location = $4)";
    String sql = "SELECT day, location, sum(logged)::bigint AS logged, sum(declined)::bigint AS declined FROM ("
        + " SELECT (visited_bucket AT TIME ZONE $1)::date AS day, location, count(*) AS logged, 0 AS declined FROM "
        + tenant.table("contact_log") + window
        // the days' partitions only; a day either side, for entries logged under an earlier time zone setting
        + " AND visit_day BETWEEN $5 AND $6 GROUP BY 1, 2"
        + " UNION ALL SELECT (visited_bucket AT TIME ZONE $1)::date, location, 0, sum(declined) FROM "
        + tenant.table("decline_count") + window + " GROUP BY 1, 2"
        + ") counts GROUP BY day, location";
    SqlSearch query = search.sql(7);
    Tuple params = Tuple.of(zone.getId(),
        first.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC),
        last.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC),
        location.orElse(null), first.minusDays(1), last.plusDays(1));
    query.params().forEach(params::addValue);
    return pool.preparedQuery("SELECT day, location, logged, declined FROM (" + sql + ") v WHERE " + query.condition()
        + " ORDER BY " + query.orderBy("day, location")).execute(params).map(rows -> {
      JsonArray counts = new JsonArray();
      for (Row row : rows) {
        counts.add(new JsonObject()
            .put("date", row.getLocalDate("day").toString())
            .put("location", row.getString("location"))
            .put("logged", row.getLong("logged"))
            .put("declined", row.getLong("declined")));
      }
      return counts;
    });
  }
}
