package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.mandate.Admission;
import org.folio.contacttracing.mandate.LoggingGate;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.failure.FieldError;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.Malformed;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.failure.Unavailable;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.Locations;
import org.folio.contacttracing.platform.json.ReadOnlyFields;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;

/**
 * {@code /contact-tracing/contact-logs}: the front desk records visits and gets back nothing personal; the
 * privacy officer reads, corrects and deletes them. Every answer with personal data is marked no-store and
 * every read, correction and deletion is reported to the audit. Recording is not: an event per entry would tie
 * the entry to the moment and the staff member at the desk. Entries are stored by statements that write entries
 * and nothing else (under load several at once, see {@link GroupCommit}), and the hourly purge counts recorded
 * entries per slot and location for the audit.
 */
public final class ContactLogApi implements Feature {
  /** Personal data stays paged: a larger limit is clamped to this. */
  public static final int MAX_LIMIT = 1000;

  private final ContactLogStore store;
  private final LoggingGate gate;
  private final AccessAudit audit;
  private final VisitRecorder recorder;
  private final IntegrityFailures integrity;

  public ContactLogApi(ContactLogStore store, DataKeyStore keys, LoggingGate gate, AccessAudit audit) {
    this.store = store;
    this.gate = gate;
    this.audit = audit;
    this.recorder = new VisitRecorder(store, keys);
    this.integrity = new IntegrityFailures(audit);
  }

  @Override
  public void routes(Api api) {
    // recording stays untied to the staff member at the desk; whoever reads, corrects or deletes is named.
    // It is the request on the hot path, served in front of the router
    api.postDirect("/contact-tracing/contact-logs", "contactLogEntry.json", this::create);
    api.get("/contact-tracing/contact-logs", Set.of("location", "from", "to", "query", "offset", "limit"),
        Api.accountable(this::list));
    api.get("/contact-tracing/contact-logs/{id}", Api.accountable(this::get));
    api.put("/contact-tracing/contact-logs/{id}", "contactLog.json", Api.accountable(this::replace));
    api.delete("/contact-tracing/contact-logs/{id}", Api.accountable(this::delete));
  }

  /** Remembered rules and keys go once expired, even at a location no one visits again. */
  @Override
  public void everyMinute() {
    gate.forgetExpired();
    recorder.forgetExpired();
  }

  private Future<Response> create(RequestContext request) {
    JsonObject body = request.body();
    ContactDetails details = ContactDetails.fromJson(body);
    String location = body.getString("location");
    Instant at = gate.moment(Optional.ofNullable(body.getString("visitedAt")));
    return gate.admitted(store.pool(), request.tenant(), location, at, admission -> recorder.record(request.tenant(),
            entry(UUID.randomUUID(), location, admission, details), admission.stamp()))
        .map(entry -> Response.created("/contact-tracing/contact-logs/" + entry.id(), entry.receipt()));
  }

  private Future<Response> replace(RequestContext request) {
    UUID id = request.pathId("id");
    JsonObject body = request.body();
    ContactDetails details = ContactDetails.fromJson(body);
    String location = body.getString("location");
    Optional<String> visitedAt = Optional.ofNullable(body.getString("visitedAt"));
    TenantId tenant = request.tenant();
    return store.find(store.pool(), tenant, id)
        .map(found -> readOnlyUnchanged(body, found.orElseThrow(() -> notFound(id))))
        // without a new visitedAt the visit keeps its slot
        .compose(found -> gate.admitted(store.pool(), tenant, location,
            visitedAt.isPresent() ? gate.moment(visitedAt) : found.bucket().start(),
            admission -> store.inTransaction(tenant, conn -> store.find(conn, tenant, id)
                // read again in the transaction that writes: the read-only fields are compared with what is stored
                .map(current -> readOnlyUnchanged(body, current.orElseThrow(() -> notFound(id))))
                .compose(current -> store.update(conn, tenant, current,
                    entry(id, location, admission, details).correcting(current), admission.stamp()))
                .compose(updated -> updated
                    ? audit.recordOne(conn, request.actor(), AuditAction.CONTACT_LOG_UPDATE, id).map(Optional.of(id))
                    : Future.succeededFuture(Optional.<UUID>empty())))))
        .recover(failure -> reported(request, failure))
        .map(Response.noContent());
  }

  /**
   * A correction may send back what the GET returned: the module's own fields are ignored when they say what is
   * stored and refused when they would change it. visitedAt is not among them: moving a visit is a correction.
   */
  private static ContactLog readOnlyUnchanged(JsonObject body, ContactLog stored) {
    ReadOnlyFields.of(body).uuid("id", stored.id())
        .instant("visitedUntil", stored.bucket().end())
        .uuid("mandateId", stored.mandateId())
        .instant("destroyAfter", stored.destroyAfter())
        .check();
    return stored;
  }

  /** A single entry refused by its seal is reported, outside any transaction that failed with it, then answered. */
  private <T> Future<T> reported(RequestContext request, Throwable failure) {
    if (failure instanceof IntegrityCheckFailed refused) {
      return integrity.report(store.pool(), request.actor(), List.of(refused.failure()))
          .compose(done -> Future.failedFuture(refused));
    }
    return Future.failedFuture(failure);
  }

  private static ContactLog entry(UUID id, String location, Admission admission, ContactDetails details) {
    List<FieldError> errors = details.check(admission.mandate());
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return new ContactLog(id, admission.mandate().id(), location, admission.bucket(), admission.destroyAfter(),
        details);
  }

  private Future<Response> list(RequestContext request) {
    Optional<String> location = request.query().string("location").map(Locations::require);
    Optional<Instant> from = request.query().timestamp("from").map(OffsetDateTime::toInstant);
    Optional<Instant> to = request.query().timestamp("to").map(OffsetDateTime::toInstant);
    Search search = Search.of(request.query().string("query"), ContactLogSearch.FIELDS);
    Paging paging = request.query().paging(MAX_LIMIT);
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new Malformed("to must not be before from");
    }
    return store.list(request.tenant(), location, from, to, search, paging)
        .compose(checked -> integrity.report(store.pool(), request.actor(), checked.failures()).map(checked))
        .compose(checked -> audit.record(request.actor(), AuditAction.CONTACT_LOG_READ, checked.value().records().size())
            .map(checked))
        .map(checked -> {
          JsonArray entries = new JsonArray();
          checked.value().records().forEach(entry -> entries.add(entry.toJson()));
          return Response.ok(paging.collection("contactLogs", entries, checked.value().totalRecords())
                  .put("integrityFailures", checked.failures().size()))
              .personalData();
        });
  }

  private Future<Response> get(RequestContext request) {
    UUID id = request.pathId("id");
    return store.find(store.pool(), request.tenant(), id)
        .recover(failure -> reported(request, failure))
        .map(found -> found.orElseThrow(() -> notFound(id)))
        .compose(entry -> audit.record(request.actor(), AuditAction.CONTACT_LOG_READ, 1, Optional.of(id)).map(entry))
        .map(entry -> Response.ok(entry.toJson()).personalData());
  }

  private Future<Response> delete(RequestContext request) {
    UUID id = request.pathId("id");
    return store.inTransaction(request.tenant(), conn -> store.delete(conn, request.tenant(), id)
            .compose(deleted -> deleted
                ? audit.recordOne(conn, request.actor(), AuditAction.CONTACT_LOG_DELETE, id)
                : Future.failedFuture(notFound(id))))
        .map(Response.noContent());
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Contact log entry not found: " + id);
  }
}
