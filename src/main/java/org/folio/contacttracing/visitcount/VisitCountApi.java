package org.folio.contacttracing.visitcount;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.folio.contacttracing.contactlog.ContactLogStore;
import org.folio.contacttracing.platform.failure.Malformed;
import java.util.Set;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;
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

  private final ContactLogStore contactLogs;
  private final TenantSettings settings;
  private final Clock clock;

  public VisitCountApi(ContactLogStore contactLogs, TenantSettings settings, Clock clock) {
    this.contactLogs = contactLogs;
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
    return contactLogs.countsPerDay(tenant, zone, first, last, location, search).map(days -> {
      JsonArray counts = new JsonArray();
      days.forEach(day -> counts.add(new JsonObject()
          .put("date", day.day().toString())
          .put("location", day.location())
          .put("logged", day.logged())
          .put("declined", day.declined())));
      return counts;
    });
  }
}
