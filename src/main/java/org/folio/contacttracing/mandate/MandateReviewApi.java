package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.failure.FieldError;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.failure.Unavailable;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * Check-ins with the authority about when logging can stop: {@code /contact-tracing/mandates/{id}/reviews} records
 * them and what came of them, {@code /contact-tracing/mandate-reviews/due} lists the mandates to check in about.
 */
public final class MandateReviewApi implements Feature {

  private final MandateStore mandates;
  private final MandateReviewStore reviews;
  private final MandateChange change;
  private final TenantSettings settings;
  private final AccessAudit audit;
  private final Clock clock;

  /** @param change how an existing mandate changes, shared with a PUT of it */
  public MandateReviewApi(MandateStore mandates, MandateReviewStore reviews, MandateChange change,
      TenantSettings settings, AccessAudit audit, Clock clock) {
    this.mandates = mandates;
    this.reviews = reviews;
    this.change = change;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.post("/contact-tracing/mandates/{id}/reviews", "mandateReview.json", Api.accountable(this::record));
    api.get("/contact-tracing/mandates/{id}/reviews", Set.of("query", "offset", "limit"), this::list);
    api.get("/contact-tracing/mandates/{id}/reviews/{reviewId}", this::get);
    api.get("/contact-tracing/mandate-reviews/due", Set.of("query"), this::due);
  }

  private Future<LocalDate> today(RequestContext request) {
    return settings.get(request.tenant()).map(s -> s.today(clock));
  }

  /**
   * Records a review and applies its outcome to the mandate in one transaction: {@code end} sets effectiveUntil,
   * {@code continue} and {@code amend} set reviewBy. The mandate changes as by a PUT (what is recorded under it
   * follows, audited as mandate.update), and the review is audited as mandate.review.
   */
  private Future<Response> record(RequestContext request) {
    UUID mandateId = request.pathId("id");
    JsonObject body = request.body();
    MandateReview review = MandateReviewJson.fromJson(body, mandateId, UUID.randomUUID(),
        Metadata.created(clock.instant(), request.userId()));
    return Future.all(found(request, mandateId), today(request)).compose(both -> {
      Mandate mandate = both.resultAt(0);
      LocalDate today = both.resultAt(1);
      List<FieldError> problems = review.problems(mandate, today);
      if (!problems.isEmpty()) {
        return Future.failedFuture(new Invalid(problems));
      }
      Mandate changed = review.applyTo(mandate)
          .withMetadata(mandate.metadata().orElseThrow().updated(clock.instant(), request.userId()));
      return change.replace(request.actor(), changed, (conn, before) -> before.equals(mandate)
          ? reviews.insert(conn, request.tenant(), review)
              .compose(inserted -> audit.record(conn, request.actor(), AuditAction.MANDATE_REVIEW, 1,
                  Optional.of(mandateId), auditDetails(review)))
          // the review was checked against the mandate as it was read; a change since then must not be overwritten
          : Future.failedFuture(new Unavailable("The mandate changed while the review was recorded")))
          .compose(saved -> saved ? Future.succeededFuture(Response.created(
                  "/contact-tracing/mandates/" + mandateId + "/reviews/" + review.id(), MandateReviewJson.toJson(review)))
              : Future.failedFuture(notFound(mandateId)));
    });
  }

  /** What the audit keeps of a review: its id, outcome and dates; not the names, not the note. */
  private static JsonObject auditDetails(MandateReview review) {
    JsonObject details = new JsonObject()
        .put("reviewId", review.id().toString())
        .put("outcome", review.outcome().code())
        .put("reviewedOn", review.reviewedOn().toString());
    review.nextReviewBy().ifPresent(next -> details.put("nextReviewBy", next.toString()));
    review.endOn().ifPresent(end -> details.put("endOn", end.toString()));
    return details;
  }

  private Future<Response> list(RequestContext request) {
    UUID mandateId = request.pathId("id");
    Search search = Search.of(request.query().string("query"), MandateReviewStore.FIELDS);
    Paging paging = request.query().paging(MandateApi.MAX_LIMIT);
    return found(request, mandateId)
        .compose(mandate -> reviews.list(request.tenant(), mandateId, search, paging))
        .map(page -> {
          JsonArray array = new JsonArray();
          page.records().forEach(review -> array.add(MandateReviewJson.toJson(review)));
          return Response.ok(paging.collection("mandateReviews", array, page.totalRecords()));
        });
  }

  private Future<Response> get(RequestContext request) {
    UUID mandateId = request.pathId("id");
    UUID reviewId = request.pathId("reviewId");
    return reviews.find(request.tenant(), mandateId, reviewId)
        .map(review -> Response.ok(MandateReviewJson.toJson(review.orElseThrow(() -> new NotFound(
            "Review not found: " + reviewId)))));
  }

  /**
   * The mandates whose review is due or overdue, most overdue first unless the search sorts, each with its last
   * review if any; the search is over the mandates' fields.
   */
  private Future<Response> due(RequestContext request) {
    Search search = Search.of(request.query().string("query"), MandateStore.FIELDS);
    Future<Map<UUID, MandateReview>> latest = reviews.latestByMandate(request.tenant());
    return today(request).compose(today -> Future.all(mandates.matching(request.tenant(), search, today), latest)
        .map(results -> {
          List<Mandate> found = results.resultAt(0);
          JsonArray due = new JsonArray();
          found.stream()
              .filter(m -> MandateReview.dueFor(m, Optional.ofNullable(latest.result().get(m.id())), today))
              .forEach(m -> {
                JsonObject entry = new JsonObject()
                    .put("mandate", MandateJson.toJson(m, today))
                    .put("daysOverdue", ChronoUnit.DAYS.between(m.reviewBy(), today));
                Optional.ofNullable(latest.result().get(m.id()))
                    .ifPresent(last -> entry.put("lastReview", MandateReviewJson.toJson(last)));
                due.add(entry);
              });
          return Response.ok(new JsonObject().put("mandatesDue", due).put("totalRecords", due.size()));
        }));
  }

  private Future<Mandate> found(RequestContext request, UUID id) {
    return mandates.find(request.tenant(), id).map(mandate -> mandate.orElseThrow(() -> notFound(id)));
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Mandate not found: " + id);
  }
}
