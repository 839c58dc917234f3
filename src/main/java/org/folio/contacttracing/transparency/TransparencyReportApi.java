package org.folio.contacttracing.transparency;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.folio.contacttracing.audit.AuditStore;
import org.folio.contacttracing.decline.DeclineStore;
import org.folio.contacttracing.disclosure.DisclosureStore;
import org.folio.contacttracing.mandate.MandateReviewStore;
import org.folio.contacttracing.paperlog.PaperLogStore;
import org.folio.contacttracing.platform.failure.Malformed;
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
    List<Future<Optional<OffsetDateTime>>> firstMoments = List.of(AuditStore.firstEventAt(pool, tenant),
        DisclosureStore.firstRequestedAt(pool, tenant), DeclineStore.firstSlotKept(pool, tenant),
        PaperLogStore.firstRegisteredAt(pool, tenant));
    Future<Optional<LocalDate>> firstReview = MandateReviewStore.firstReviewDay(pool, tenant);
    return Future.all(firstMoments).compose(all -> firstReview).map(review -> Stream.concat(
            firstMoments.stream().flatMap(moment -> moment.result().stream())
                .map(at -> LocalDate.ofInstant(at.toInstant(), zone)),
            review.stream())
        .min(LocalDate::compareTo));
  }

  private Future<JsonObject> report(TenantId tenant, ZoneId zone, LocalDate from, LocalDate to) {
    OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    Future<List<DisclosureStore.RequestCount>> requests =
        DisclosureStore.requestsByRecipientAndOutcome(pool, tenant, start, end);
    Future<AuditStore.ReleasedAndDestroyed> audited = AuditStore.entriesReleasedAndDestroyed(pool, tenant, start, end);
    Future<Long> declines = DeclineStore.declinedInSlotsStarting(pool, tenant, start, end);
    Future<MandateReviewStore.HeldAndEnded> reviews = MandateReviewStore.reviewsHeldAndEnded(pool, tenant, from, to);
    Future<PaperLogStore.RegisteredAndShredded> paperLogs = PaperLogStore.registeredAndShredded(pool, tenant, start, end);
    return Future.all(requests, audited, declines, reviews, paperLogs).map(all -> new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("disclosureRequests", new JsonArray(requests.result().stream()
            .map(count -> new JsonObject().put("recipientType", count.recipientType())
                .put("outcome", count.outcome()).put("count", count.count()))
            .toList()))
        .put("entriesReleased", audited.result().released())
        .put("entriesDestroyed", audited.result().destroyed())
        .put("declines", declines.result())
        .put("mandateReviews", reviews.result().held())
        .put("mandatesEndedByReview", reviews.result().ended())
        .put("paperLogsRegistered", paperLogs.result().registered())
        .put("paperLogsShredded", paperLogs.result().shredded()));
  }
}
