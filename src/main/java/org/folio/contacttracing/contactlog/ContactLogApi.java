package org.folio.contacttracing.contactlog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.mandate.Admission;
import org.folio.contacttracing.mandate.LoggingGate;
import org.folio.contacttracing.platform.Timestamps;
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
 * the entry to the moment and the staff member at the desk. Each entry is stored by a statement of its own, and
 * the hourly purge counts recorded entries per slot and location for the audit.
 */
public final class ContactLogApi implements Feature {
  /** Personal data stays paged: a larger limit is clamped to this. */
  public static final int MAX_LIMIT = 1000;

  /** Fresh reads for one visit before it gives way to concurrent changes. */
  private static final int MAX_READS = 3;

  private final ContactLogStore store;
  private final LoggingGate gate;
  private final AccessAudit audit;
  private final VisitMemo memo = new VisitMemo();
  private final IntegrityFailures integrity;

  public ContactLogApi(ContactLogStore store, LoggingGate gate, AccessAudit audit) {
    this.store = store;
    this.gate = gate;
    this.audit = audit;
    this.integrity = new IntegrityFailures(audit);
  }

  @Override
  public void routes(Api api) {
    // recording stays untied to the staff member at the desk; whoever reads, corrects or deletes is named
    api.post("/contact-tracing/contact-logs", "contactLogEntry.json", this::create);
    api.get("/contact-tracing/contact-logs", Set.of("location", "from", "to", "query", "offset", "limit"),
        Api.accountable(this::list));
    api.get("/contact-tracing/contact-logs/{id}", Api.accountable(this::get));
    api.put("/contact-tracing/contact-logs/{id}", "contactLog.json", Api.accountable(this::replace));
    api.delete("/contact-tracing/contact-logs/{id}", Api.accountable(this::delete));
  }

  /** Remembered visit contexts go once expired, even at a location no one visits again. */
  @Override
  public void everyMinute() {
    memo.forgetExpired();
  }

  private Future<Response> create(RequestContext request) {
    JsonObject body = request.body();
    ContactDetails details = ContactDetails.fromJson(body);
    String location = body.getString("location");
    TenantId tenant = request.tenant();
    Instant at = gate.moment(Optional.ofNullable(body.getString("visitedAt")));
    String memoKey = VisitMemo.key(tenant, location, at);
    Future<ContactLog> stored = memo.get(memoKey)
        .map(context -> fromMemo(request, memoKey, context, location, at, details)
            .compose(done -> done.map(Future::succeededFuture)
                .orElseGet(() -> fresh(request, memoKey, location, at, details))))
        .orElseGet(() -> fresh(request, memoKey, location, at, details));
    return stored.map(entry -> Response.created("/contact-tracing/contact-logs/" + entry.id(), entry.receipt()));
  }

  /**
   * The usual visit: admitted on what an earlier visit to the location read, and stored by one statement that
   * first confirms all of it still holds. Empty when it does not, or when the memo cannot decide (no key for
   * the day yet, or a refusal, which only a fresh read may give).
   */
  private Future<Optional<ContactLog>> fromMemo(RequestContext request, String memoKey,
      ContactLogStore.VisitContext context, String location, Instant at, ContactDetails details) {
    Admitted admitted;
    try {
      admitted = admit(context, location, at, details);
    } catch (Invalid e) {
      memo.forget(memoKey);
      return Future.succeededFuture(Optional.empty());
    }
    if (admitted.key().isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    ContactLog entry = admitted.entry();
    return store.insertIfUnchanged(store.pool(), request.tenant(), entry, admitted.key().get(), context)
        // a day without its partition yet: the fresh path creates it
        .recover(failure -> failure instanceof ContactLogStore.RetryableWrite
            ? Future.succeededFuture(false) : Future.failedFuture(failure))
        .map(stored -> {
          if (!stored) {
            memo.forget(memoKey);
          }
          return stored ? Optional.of(entry) : Optional.empty();
        });
  }

  /** A visit admitted on what is read for it now; what was read is remembered for the next visit. */
  private Future<ContactLog> fresh(RequestContext request, String memoKey, String location, Instant at,
      ContactDetails details) {
    return fresh(request, memoKey, location, at, details, 1);
  }

  /**
   * @param attempt which read this is for the visit, from 1: what was read can change before the entry is
   *     stored, and a visit that keeps meeting changes gives way with 503
   */
  private Future<ContactLog> fresh(RequestContext request, String memoKey, String location, Instant at,
      ContactDetails details, int attempt) {
    TenantId tenant = request.tenant();
    // Every statement of the usual case stands alone, so each takes a pooled connection only while it runs:
    // no connection waits for this request's Java work, and under load the pool's few connections stay busy.
    Pool pool = store.pool();
    return store.retryingOnce(tenant, () -> store.visitContext(pool, tenant, location, at).compose(context -> {
      memo.put(memoKey, context);
      Admitted admitted = admit(context, location, at, details);
      ContactLog entry = admitted.entry();
      if (admitted.key().isPresent()) {
        // stored only if what was just read still holds (the key above all: sealed under a key destroyed
        // meanwhile, it could never be read)
        return store.insertIfUnchanged(pool, tenant, entry, admitted.key().get(), context)
            .compose(stored -> {
              if (stored) {
                return Future.succeededFuture(entry);
              }
              memo.forget(memoKey);
              return attempt < MAX_READS
                  ? fresh(request, memoKey, location, at, details, attempt + 1)
                  : Future.failedFuture(new Unavailable("the visit's mandate, key or settings changed "
                      + MAX_READS + " times while it was being stored"));
            });
      }
      // the day's first entry under this mandate creates the key by a statement of its own, so that no row is
      // written in the entry's transaction, and is then admitted anew with it
      return store.createKey(pool, tenant, entry.mandateId(), entry.bucket().day())
          .compose(created -> attempt < MAX_READS
              ? fresh(request, memoKey, location, at, details, attempt + 1)
              : Future.failedFuture(new Unavailable("the day's key was destroyed "
                  + MAX_READS + " times while the visit was being stored")));
    }));
  }

  /** A visit admitted on a context, with the key of its day unless the day has none yet. */
  private record Admitted(ContactLog entry, Optional<SecretKey> key) {
  }

  /** @throws Invalid when the context admits no such visit */
  private Admitted admit(ContactLogStore.VisitContext context, String location, Instant at, ContactDetails details) {
    ContactLog entry = entry(UUID.randomUUID(), location, gate.decide(location, at, context.zone(),
        context.granularityMinutes(), context.candidates()), details);
    return new Admitted(entry, context.keys().find(entry.mandateId(), entry.bucket().day()));
  }

  private Future<Response> replace(RequestContext request) {
    UUID id = request.pathId("id");
    JsonObject body = request.body();
    ContactDetails details = ContactDetails.fromJson(body);
    String location = body.getString("location");
    return store.inTransaction(request.tenant(), conn -> store.find(conn, request.tenant(), id)
            .map(found -> readOnlyUnchanged(body, found.orElseThrow(() -> notFound(id))))
            // without a new visitedAt the visit keeps its slot
            .compose(existing -> gate.admit(conn, request.tenant(), location, Optional.ofNullable(
                    body.getString("visitedAt")).or(() -> Optional.of(Timestamps.format(existing.bucket().start()))))
                .map(admission -> entry(id, location, admission, details).correcting(existing))
                .compose(entry -> store.update(conn, request.tenant(), existing, entry)))
            .compose(updated -> audit.recordOne(conn, request.actor(), AuditAction.CONTACT_LOG_UPDATE, id)))
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
