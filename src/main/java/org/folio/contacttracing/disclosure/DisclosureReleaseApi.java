package org.folio.contacttracing.disclosure;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.folio.contacttracing.contactlog.ContactLog;
import org.folio.contacttracing.contactlog.ContactLogStore;
import org.folio.contacttracing.contactlog.IntegrityFailures;
import org.folio.contacttracing.decline.DeclineStore;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;

/**
 * {@code POST /contact-tracing/disclosures/{id}/releases}: releasing an approved disclosure is an explicit act, so
 * that a UI's refetch (on window focus, on a retried 503) never releases again. Each release is recorded, counted
 * and audited once; a retry of the same release (the same {@code id}, by the same staff member, while the window
 * is open) gets the same entries back, audited as a repeat and not counted again.
 */
public final class DisclosureReleaseApi implements Feature {
  private static final List<String> CSV_HEADER = Stream.concat(Stream.of("location", "visitedAt", "visitedUntil"),
      Arrays.stream(ContactField.values()).map(ContactField::property)).toList();

  private final DisclosureStore store;
  private final ContactLogStore entries;
  private final DeclineStore declines;
  private final AccessAudit audit;
  private final Clock clock;
  private final IntegrityFailures integrity;

  public DisclosureReleaseApi(DisclosureStore store, ContactLogStore entries, DeclineStore declines,
      AccessAudit audit, Clock clock) {
    this.store = store;
    this.entries = entries;
    this.declines = declines;
    this.audit = audit;
    this.clock = clock;
    this.integrity = new IntegrityFailures(audit);
  }

  @Override
  public void routes(Api api) {
    api.post("/contact-tracing/disclosures/{id}/releases", "releaseRequest.json", Api.accountable(this::release));
  }

  /** What one POST answers: the release as recorded and the entries it gives out. */
  private record Released(Disclosure disclosure, ReleaseRecord release, List<ContactLog> entries, boolean repeat) {
  }

  private Future<Response> release(RequestContext request) {
    UUID id = request.pathId("id");
    UUID releaser = request.staffMember();
    UUID releaseId = Optional.ofNullable(request.optionalBody().getString("id")).map(UUID::fromString)
        .orElseGet(UUID::randomUUID);
    boolean csv = request.accepts("text/csv");
    Instant now = clock.instant();
    // the disclosure's row is locked: a retry racing its own first attempt waits for it and then repeats it
    return store.inTransaction(conn -> store.findForRelease(conn, request.tenant(), id)
            .map(found -> found.orElseThrow(() -> new NotFound("Disclosure not found: " + id)))
            .compose(disclosure -> {
              disclosure.checkReleasable(now);
              return store.findRelease(conn, request.tenant(), releaseId).compose(earlier -> earlier.isPresent()
                  ? repeat(conn, request, disclosure, earlier.get(), releaser)
                  : first(conn, request, disclosure, releaseId, releaser, now));
            }))
        .map(released -> (csv ? csv(released) : json(released))
            .withHeader("X-Release-Id", released.release().id().toString())
            .personalData());
  }

  private Future<Released> first(SqlClient conn, RequestContext request, Disclosure disclosure, UUID releaseId,
      UUID releaser, Instant now) {
    return entries.inWindow(conn, request.tenant(), disclosure.from(), disclosure.to(), disclosure.locations())
        // entries refused by their seal are left out, reported and counted, never released
        .compose(checked -> integrity.report(conn, request.actor(), checked.failures()).map(checked))
        .compose(checked -> declines.declinedInWindow(conn, request.tenant(), disclosure.from(), disclosure.to(),
                disclosure.locations())
            .map(declined -> new ReleaseRecord(releaseId, disclosure.id(), now, releaser, checked.value().size(),
                declined, checked.failures().size(), checked.value().stream().map(ContactLog::id).toList()))
            .compose(release -> store.insertRelease(conn, request.tenant(), release)
                .compose(recorded -> audit.record(conn, request.actor(), AuditAction.DISCLOSURE_RELEASE, release.entries(),
                    Optional.of(disclosure.id()), details(release)))
                .map(audited -> new Released(disclosure, release, checked.value(), false))));
  }

  /** The same release again, for a client that did not get the answer: only what was released and counted then. */
  private Future<Released> repeat(SqlClient conn, RequestContext request, Disclosure disclosure, ReleaseRecord earlier,
      UUID releaser) {
    if (!earlier.retriedBy(disclosure.id(), releaser)) {
      return Future.failedFuture(new Conflict("This release id was used for another release; "
          + "leave it out or send a new one"));
    }
    Set<UUID> released = earlier.released();
    return entries.inWindow(conn, request.tenant(), disclosure.from(), disclosure.to(), disclosure.locations())
        .compose(checked -> integrity.report(conn, request.actor(), checked.failures()).map(checked))
        .map(checked -> checked.value().stream().filter(entry -> released.contains(entry.id())).toList())
        .compose(again -> audit.record(conn, request.actor(), AuditAction.DISCLOSURE_RELEASE_REPEAT, again.size(),
                Optional.of(disclosure.id()), details(earlier))
            .map(audited -> new Released(disclosure, earlier, again, true)));
  }

  private static JsonObject details(ReleaseRecord release) {
    return new JsonObject().put("releaseId", release.id().toString()).put("declined", release.declines())
        .put("integrityFailures", release.integrityFailures());
  }

  private static Response json(Released released) {
    JsonArray logs = new JsonArray();
    released.entries().forEach(entry -> logs.add(entry.toJson()));
    Disclosure disclosure = released.disclosure();
    JsonObject body = new JsonObject()
        .put("releaseId", released.release().id().toString())
        .put("disclosureId", disclosure.id().toString())
        .put("releasedDate", Timestamps.format(released.release().releasedDate()))
        .put("from", Timestamps.format(disclosure.from()))
        .put("to", Timestamps.format(disclosure.to()))
        .put("locations", new JsonArray(disclosure.locations()))
        .put("contactLogs", logs)
        .put("totalRecords", released.entries().size())
        .put("declined", released.release().declines())
        .put("integrityFailures", released.release().integrityFailures());
    return Response.json(released.repeat() ? 200 : 201, body);
  }

  private static Response csv(Released released) {
    StringBuilder csv = new StringBuilder(Csv.row(CSV_HEADER));
    for (ContactLog entry : released.entries()) {
      JsonObject json = entry.toJson();
      csv.append(Csv.row(CSV_HEADER.stream().map(column -> {
        Object value = json.getValue(column);
        return value == null ? "" : value.toString();
      }).toList()));
    }
    return Response.of(released.repeat() ? 200 : 201, "text/csv; charset=utf-8; header=present", csv.toString())
        .withHeader("Content-Disposition", "attachment; filename=\"contact-logs.csv\"")
        .withHeader("X-Declined-Count", Integer.toString(released.release().declines()))
        .withHeader("X-Integrity-Failures", Integer.toString(released.release().integrityFailures()));
  }
}
