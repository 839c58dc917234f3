package org.folio.contacttracing.disclosure;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.Expired;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.Malformed;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * {@code /contact-tracing/disclosures}: the only way personal data leaves the library. One staff member records
 * a request, a different one decides it, and only an approved request of a public-health agency can be
 * released, for {@code releaseHours} ({@link DisclosureReleaseApi}). Every step is audited; the stored disclosure never
 * holds the data.
 */
public final class DisclosureApi implements Feature {
  /** The accounting of disclosures is short and names no visitor: a UI may list it whole. */
  public static final int MAX_LIMIT = 5000;
  private static final List<String> RECIPIENT_TYPES = List.of("public-health-agency", "law-enforcement", "other");

  private final DisclosureStore store;
  private final TenantSettings settings;
  private final AccessAudit audit;
  private final Clock clock;

  public DisclosureApi(DisclosureStore store, TenantSettings settings, AccessAudit audit, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    // every step is accountable to a named staff member
    api.post("/contact-tracing/disclosures", "disclosureRequest.json", Api.accountable(this::request));
    api.get("/contact-tracing/disclosures", Set.of("status", "recipientType", "query", "offset", "limit"), this::list);
    api.get("/contact-tracing/disclosures/{id}", this::get);
    api.post("/contact-tracing/disclosures/{id}/decision", "disclosureDecision.json", Api.accountable(this::decide));
  }

  private Future<Response> request(RequestContext request) {
    UUID requester = request.staffMember();
    JsonObject body = request.body();
    Instant from = Timestamps.parse(body.getString("from"), "from");
    Instant to = Timestamps.parse(body.getString("to"), "to");
    if (!to.isAfter(from)) {
      throw new Invalid("invalid_period", "to", "to must be after from");
    }
    Instant now = clock.instant();
    // tracing looks back at who was exposed; a window reaching into the future would, once approved, release
    // whoever visits later, again at every release: surveillance
    if (to.isAfter(now.plus(Timestamps.CLOCK_SKEW))) {
      throw new Invalid("window_in_future", "to", "to must not lie after the moment of the request");
    }
    JsonObject recipient = body.getJsonObject("recipient");
    boolean publicHealth = Disclosure.PUBLIC_HEALTH_AGENCY.equals(recipient.getString("type"));
    Optional<String> provision = Optional.ofNullable(body.getString("statuteProvision"));
    if (provision.filter(String::isBlank).isPresent()) {
      throw new Invalid("invalid_value", "statuteProvision", "statuteProvision must not be blank");
    }
    return settings.get(request.tenant()).compose(s -> {
      if (Duration.between(from, to).compareTo(Duration.ofDays(s.maxDisclosureWindowDays())) > 0) {
        return Future.failedFuture(new Invalid("window_too_long", "to",
            "The window may span at most " + s.maxDisclosureWindowDays() + " days"));
      }
      // the log is shared only as the statute allows: once the library names it, a request that could be
      // approved says which provision allows it, and the second person decides on that
      if (publicHealth && s.statute().isPresent() && provision.isEmpty()) {
        return Future.failedFuture(new Invalid("field_required", "statuteProvision",
            "statuteProvision is required: name the provision of the library-confidentiality statute that allows "
                + "this disclosure"));
      }
      Disclosure disclosure = new Disclosure(UUID.randomUUID(), Disclosure.requestedBy(recipient.getString("type")),
          publicHealth ? Optional.empty() : Optional.of(Disclosure.NOT_CONTACT_TRACING_PURPOSE),
          new Disclosure.Recipient(recipient.getString("type"), recipient.getString("name"),
              Optional.ofNullable(recipient.getString("contact"))),
          body.getString("legalBasis"), provision, s.statute(), body.getString("caseReference"), from, to,
          body.getJsonArray("locations", new JsonArray()).stream().map(String.class::cast).toList(),
          requester, now, Optional.empty(), 0, Optional.empty());
      return store.inTransaction(conn -> store.insert(conn, request.tenant(), disclosure)
          .compose(inserted -> audit.record(conn, request.actor(),
              publicHealth ? AuditAction.DISCLOSURE_REQUEST : AuditAction.DISCLOSURE_REFUSE, 0,
              Optional.of(disclosure.id()), new JsonObject())))
          .map(done -> disclosure);
    }).map(disclosure -> Response.created("/contact-tracing/disclosures/" + disclosure.id(),
        disclosure.toJson(now)));
  }

  private Future<Response> list(RequestContext request) {
    Optional<String> status = request.query().string("status");
    if (status.isPresent() && !Disclosure.Status.codes().contains(status.get())) {
      throw new Malformed("status must be one of " + String.join(", ", Disclosure.Status.codes()));
    }
    Optional<String> recipientType = request.query().string("recipientType");
    if (recipientType.isPresent() && !RECIPIENT_TYPES.contains(recipientType.get())) {
      throw new Malformed("recipientType must be one of " + String.join(", ", RECIPIENT_TYPES));
    }
    Search search = Search.of(request.query().string("query"), DisclosureStore.FIELDS);
    Paging paging = request.query().paging(MAX_LIMIT);
    Instant now = clock.instant();
    return store.list(request.tenant(), status, recipientType, now, search, paging)
        .map(page -> {
          JsonArray disclosures = new JsonArray();
          page.records().forEach(d -> disclosures.add(d.toJson(now)));
          return Response.ok(paging.collection("disclosures", disclosures, page.totalRecords()));
        });
  }

  private Future<Response> get(RequestContext request) {
    UUID id = request.pathId("id");
    return store.find(request.tenant(), id).map(d -> d.orElseThrow(() -> new NotFound("Disclosure not found: " + id)))
        .map(d -> Response.ok(d.toJson(clock.instant())));
  }

  private Future<Response> decide(RequestContext request) {
    UUID id = request.pathId("id");
    UUID decider = request.staffMember();
    JsonObject body = request.body();
    String decision = body.getString("decision");
    Instant now = clock.instant();
    return settings.get(request.tenant()).compose(s -> store.inTransaction(conn -> found(conn, request, id)
        .compose(disclosure -> {
          disclosure.checkDecidableBy(decider);
          Disclosure.Decision recorded = new Disclosure.Decision(decision, decider, now,
              Optional.ofNullable(body.getString("note")),
              "approve".equals(decision) ? Optional.of(now.plus(Duration.ofHours(s.releaseHours()))) : Optional.empty());
          return store.decide(conn, request.tenant(), id, recorded)
              .compose(decided -> decided
                  ? audit.record(conn, request.actor(), "approve".equals(decision) ? AuditAction.DISCLOSURE_APPROVE
                      : AuditAction.DISCLOSURE_DENY, 0, Optional.of(id), new JsonObject())
                  : Future.failedFuture(new Conflict("The request has already been decided")))
              .compose(audited -> found(conn, request, id));
        })))
        .map(d -> Response.ok(d.toJson(now)));
  }

  private Future<Disclosure> found(io.vertx.sqlclient.SqlClient client, RequestContext request, UUID id) {
    return store.find(client, request.tenant(), id)
        .map(d -> d.orElseThrow(() -> new NotFound("Disclosure not found: " + id)));
  }
}
