package org.folio.contacttracing.transparency;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.folio.contacttracing.platform.failure.Malformed;
import java.util.Set;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * {@code /contact-tracing/transparency-report}: numbers for a period that a library can publish. Disclosure
 * requests by recipient and outcome, entries released (from the audited releases), entries destroyed (from
 * the purge's destruction records), declines as far as their counts are still kept, the check-ins with the
 * authority about the mandates (reviews held, and mandates a review ended), and paper logs registered and shredded
 * (from the register, which keeps its destruction records). Without from, the report starts on the day of
 * the first of these still kept; without to, it ends today. As JSON, or as a page to publish as it is.
 */
public final class TransparencyReportApi implements Feature {
  static final int MAX_DAYS = 366;

  private final Pool pool;
  private final TenantSettings settings;
  private final Clock clock;

  public TransparencyReportApi(Pool pool, TenantSettings settings, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/transparency-report", Set.of("from", "to"), this::report);
  }

  private Future<Response> report(RequestContext request) {
    Optional<LocalDate> from = request.query().date("from");
    Optional<LocalDate> to = request.query().date("to");
    boolean html = request.accepts("text/html");
    return settings.get(request.tenant()).compose(s -> {
      LocalDate today = s.today(clock);
      // an open end reaches today, an open start the library's first record: everything kept so far
      LocalDate last = to.orElse(today);
      return from.map(Future::succeededFuture)
          .orElseGet(() -> firstRecordedDay(request.tenant(), s.timeZone()).map(first -> first.orElse(today)))
          .compose(first -> {
            if (from.isPresent()) {
              check(first, last);
              return report(request.tenant(), s.timeZone(), first, last);
            }
            return report(request.tenant(), s.timeZone(), first.isAfter(last) ? last : first, last);
          })
          .map(report -> html
              ? Response.of(200, "text/html; charset=utf-8", TransparencyPage.html(report, s.statute()))
              : Response.ok(report));
    });
  }

  /** A period asked for: in order, and no longer than {@value #MAX_DAYS} days. */
  private static void check(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new Malformed("to must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new Malformed("The period may span at most " + MAX_DAYS + " days");
    }
  }

  /**
   * The library day of the earliest thing the report counts that is still kept: an audit event (releases and
   * destructions), a disclosure request, a decline count, a check-in with the authority or a paper log.
   */
  private Future<Optional<LocalDate>> firstRecordedDay(TenantId tenant, ZoneId zone) {
    return pool.preparedQuery("SELECT least("
            + "(SELECT min(occurred_at) FROM " + tenant.table("audit_event") + "), "
            + "(SELECT min(requested_date) FROM " + tenant.table("disclosure") + "), "
            + "(SELECT min(visited_bucket) FROM " + tenant.table("decline_count") + "), "
            + "(SELECT min(registered_date) FROM " + tenant.table("paper_log") + ")) AS first, "
            + "(SELECT min(reviewed_on) FROM " + tenant.table("mandate_review") + ") AS first_review")
        .execute()
        .map(rows -> {
          Row row = rows.iterator().next();
          Optional<LocalDate> first = Optional.ofNullable(row.getOffsetDateTime("first"))
              .map(at -> LocalDate.ofInstant(at.toInstant(), zone));
          Optional<LocalDate> review = Optional.ofNullable(row.getLocalDate("first_review"));
          return first.isEmpty() ? review
              : review.filter(r -> r.isBefore(first.get())).or(() -> first);
        });
  }

  private Future<JsonObject> report(TenantId tenant, ZoneId zone, LocalDate from, LocalDate to) {
    OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    // the outcome is what was decided: an approval stays an approval after its release window has passed
    Future<JsonArray> requests = pool.preparedQuery("SELECT recipient_type, status AS outcome, count(*) AS n FROM "
            + tenant.table("disclosure") + " WHERE requested_date >= $1 AND requested_date < $2 "
            + "GROUP BY 1, 2 ORDER BY 1, 2")
        .execute(Tuple.of(start, end))
        .map(rows -> {
          JsonArray array = new JsonArray();
          for (Row row : rows) {
            array.add(new JsonObject().put("recipientType", row.getString("recipient_type"))
                .put("outcome", row.getString("outcome")).put("count", row.getLong("n")));
          }
          return array;
        });
    Future<Row> audited = pool.preparedQuery("SELECT "
            + "coalesce(sum(record_count) FILTER (WHERE action = 'disclosure.release'), 0) AS released, "
            + "coalesce(sum((details->>'contactLogsDestroyed')::bigint) FILTER (WHERE action = 'retention.purge'), 0) "
            + "AS destroyed FROM " + tenant.table("audit_event") + " WHERE occurred_at >= $1 AND occurred_at < $2")
        .execute(Tuple.of(start, end))
        .map(rows -> rows.iterator().next());
    Future<Long> declines = pool.preparedQuery("SELECT coalesce(sum(declined), 0) FROM "
            + tenant.table("decline_count") + " WHERE visited_bucket >= $1 AND visited_bucket < $2")
        .execute(Tuple.of(start, end))
        .map(rows -> rows.iterator().next().getLong(0));
    // check-ins with the authority, counted by their library days: held in the period, and ending logging in it
    Future<Row> reviews = pool.preparedQuery("SELECT "
            + "count(*) FILTER (WHERE reviewed_on BETWEEN $1 AND $2) AS held, "
            + "count(DISTINCT mandate_id) FILTER (WHERE outcome = 'end' AND end_on BETWEEN $1 AND $2) AS ended FROM "
            + tenant.table("mandate_review"))
        .execute(Tuple.of(from, to))
        .map(rows -> rows.iterator().next());
    Future<Row> paperLogs = pool.preparedQuery("SELECT"
            + " count(*) FILTER (WHERE registered_date >= $1 AND registered_date < $2) AS registered,"
            + " count(*) FILTER (WHERE shredded_date >= $1 AND shredded_date < $2) AS shredded FROM "
            + tenant.table("paper_log"))
        .execute(Tuple.of(start, end))
        .map(rows -> rows.iterator().next());
    return Future.all(requests, audited, declines, reviews, paperLogs).map(all -> new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("disclosureRequests", requests.result())
        .put("entriesReleased", audited.result().getLong("released"))
        .put("entriesDestroyed", audited.result().getLong("destroyed"))
        .put("declines", declines.result())
        .put("mandateReviews", reviews.result().getLong("held"))
        .put("mandatesEndedByReview", reviews.result().getLong("ended"))
        .put("paperLogsRegistered", paperLogs.result().getLong("registered"))
        .put("paperLogsShredded", paperLogs.result().getLong("shredded")));
  }
}
