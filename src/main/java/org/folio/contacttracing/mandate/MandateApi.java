package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.Locations;
import org.folio.contacttracing.platform.json.ReadOnlyFields;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.settings.TenantSettings;

/** {@code /contact-tracing/mandates}: the legal bases for logging. */
public final class MandateApi implements Feature {
  /** Mandates are few and hold no personal data: a UI may fill a list with all of them. */
  public static final int MAX_LIMIT = 5000;

  private final MandateStore store;
  private final TenantSettings settings;
  private final AccessAudit audit;
  private final Clock clock;
  private final MandateChange change;

  /** @param change how an existing mandate changes, shared with its reviews */
  public MandateApi(MandateStore store, TenantSettings settings, AccessAudit audit, Clock clock,
      MandateChange change) {
    this.store = store;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
    this.change = change;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/mandates", Set.of("location", "query", "offset", "limit"), this::list);
    api.post("/contact-tracing/mandates", "mandate.json", Api.accountable(this::create));
    api.get("/contact-tracing/mandates/{id}", this::get);
    api.put("/contact-tracing/mandates/{id}", "mandate.json", Api.accountable(this::replace));
    api.delete("/contact-tracing/mandates/{id}", Api.accountable(this::delete));
  }

  private Future<LocalDate> today(RequestContext request) {
    return settings.get(request.tenant()).map(s -> s.today(clock));
  }

  private Future<Response> list(RequestContext request) {
    Optional<String> location = request.query().string("location").map(Locations::require);
    Search search = Search.of(request.query().string("query"), MandateStore.FIELDS);
    Paging paging = request.query().paging(MAX_LIMIT);
    return today(request).compose(today -> store.list(request.tenant(), location, search, today, paging)
        .map(page -> {
          JsonArray mandates = new JsonArray();
          page.records().forEach(m -> mandates.add(MandateJson.toJson(m, today)));
          return Response.ok(paging.collection("mandates", mandates, page.totalRecords()));
        }));
  }

  private Future<Response> create(RequestContext request) {
    Mandate parsed = MandateJson.fromJson(request.body(), UUID.randomUUID());
    Mandate mandate = withMetadata(parsed, Metadata.created(clock.instant(), request.userId()));
    return store.save(request.tenant(), mandate, true, (conn, previous) -> audit.recordOne(conn, request.actor(),
            AuditAction.MANDATE_CREATE, mandate.id()))
        .compose(saved -> today(request))
        .map(today -> Response.created("/contact-tracing/mandates/" + mandate.id(), MandateJson.toJson(mandate, today)));
  }

  private Future<Response> get(RequestContext request) {
    UUID id = request.pathId("id");
    return found(request, id).compose(mandate -> today(request)
        .map(today -> Response.ok(MandateJson.toJson(mandate, today))));
  }

  private Future<Response> replace(RequestContext request) {
    UUID id = request.pathId("id");
    JsonObject body = request.body();
    ReadOnlyFields.of(body).uuid("id", id).check();
    Mandate parsed = MandateJson.fromJson(body, id);
    return today(request).compose(today -> found(request, id)
        .map(existing -> withMetadata(parsed, existing.metadata().orElseThrow()
            .updated(clock.instant(), request.userId())))
        // compared with the mandate as it is under the lock, so a concurrent change cannot slip past
        .compose(mandate -> change.replace(request.actor(), mandate, (conn, before) -> {
          MandateJson.readOnly(body, before, today).check();
          return Future.succeededFuture();
        })))
        .compose(saved -> saved ? Future.succeededFuture(Response.noContent()) : Future.failedFuture(notFound(id)));
  }

  private Future<Response> delete(RequestContext request) {
    UUID id = request.pathId("id");
    return store.delete(request.tenant(), id,
            conn -> audit.recordOne(conn, request.actor(), AuditAction.MANDATE_DELETE, id))
        .compose(deleted -> deleted ? Future.succeededFuture(Response.noContent()) : Future.failedFuture(notFound(id)));
  }

  private Future<Mandate> found(RequestContext request, UUID id) {
    return store.find(request.tenant(), id).map(mandate -> mandate.orElseThrow(() -> notFound(id)));
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Mandate not found: " + id);
  }

  private static Mandate withMetadata(Mandate m, Metadata metadata) {
    return new Mandate(m.id(), m.authority(), m.reference(), m.effectiveFrom(), m.effectiveUntil(), m.reviewBy(),
        m.collectedFields(), m.fieldRules(), m.retentionDays(), m.locations(), Optional.of(metadata));
  }
}
