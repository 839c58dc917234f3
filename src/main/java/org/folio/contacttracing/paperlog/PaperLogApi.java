package org.folio.contacttracing.paperlog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.audit.AccessAudit;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.Malformed;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.Locations;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.settings.Settings;
import org.folio.contacttracing.settings.TenantSettings;

/**
 * {@code /contact-tracing/paper-logs}: the register of paper visitor logs, so that their shredding does not depend
 * on memory. A sheet is registered under the mandate it was kept under, which fixes when it must be shredded; the
 * due list tells the person who shreds which sheets are due and which a disclosure holds; a shredding is recorded
 * by the one who shredded and a different witness. The register describes sheets, never visitors.
 */
public final class PaperLogApi implements Feature {
  /** The register describes sheets, never visitors, and is short: a UI may list it whole. */
  public static final int MAX_LIMIT = 5000;

  private final Pool pool;
  private final PaperLogStore store;
  private final TenantSettings settings;
  private final AccessAudit audit;
  private final Clock clock;

  public PaperLogApi(Pool pool, PaperLogStore store, TenantSettings settings, AccessAudit audit, Clock clock) {
    this.pool = pool;
    this.store = store;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.post("/contact-tracing/paper-logs", "paperLogRegistration.json", Api.accountable(this::register));
    api.get("/contact-tracing/paper-logs", Set.of("status", "location", "query", "offset", "limit"), this::list);
    api.get("/contact-tracing/paper-logs/{id}", this::get);
    api.post("/contact-tracing/paper-logs/{id}/shredding", "paperLogShredding.json", Api.accountable(this::shred));
  }

  private Future<Response> register(RequestContext request) {
    UUID registrar = request.staffMember();
    JsonObject body = request.body();
    String location = body.getString("location");
    LocalDate firstDay = day(body, "firstDay");
    LocalDate lastDay = day(body, "lastDay");
    if (lastDay.isBefore(firstDay)) {
      throw new Invalid("invalid_period", "lastDay", "lastDay must not be before firstDay");
    }
    if (PaperLog.days(firstDay, lastDay) > PaperLog.MAX_DAYS) {
      throw new Invalid("period_too_long", "lastDay",
          "A registered paper log may cover at most " + PaperLog.MAX_DAYS + " library days");
    }
    UUID mandateId = UUID.fromString(body.getString("mandateId"));
    Instant now = clock.instant();
    return pool.withTransaction(conn -> settings.get(conn, request.tenant())
        .compose(s -> store.mandateForShare(conn, request.tenant(), mandateId).compose(mandate -> {
          Instant shredBy;
          try {
            shredBy = shredBy(mandate, location, firstDay, lastDay, s);
          } catch (Invalid e) {
            return Future.failedFuture(e);
          }
          PaperLog log = new PaperLog(UUID.randomUUID(), location, firstDay, lastDay, body.getString("storedAt"),
              mandateId, shredBy, now, registrar, Optional.empty(), List.of());
          return store.insert(conn, request.tenant(), log, PaperLog.coveredFrom(firstDay, s.timeZone()),
                  PaperLog.coveredUntil(lastDay, s.timeZone()))
              .compose(inserted -> audit.record(conn, request.actor(), AuditAction.PAPER_LOG_REGISTER, 1,
                  Optional.of(log.id()), new JsonObject().put("days", PaperLog.days(firstDay, lastDay))))
              .map(log);
        })))
        .map(log -> Response.created("/contact-tracing/paper-logs/" + log.id(), log.toJson(now)));
  }

  /**
   * The rule for registering: the mandate allows logging at the location on every covered day, none of which lies
   * ahead; the sheet is shredded when an entry of its latest day would be destroyed.
   *
   * @throws Invalid {@code invalid_value} or {@code no_mandate_in_force}
   */
  private Instant shredBy(Optional<Mandate> mandate, String location, LocalDate firstDay, LocalDate lastDay,
      Settings s) {
    if (lastDay.isAfter(s.today(clock))) {
      throw new Invalid("invalid_value", "lastDay", "lastDay must not lie after the library's today");
    }
    Mandate found = mandate.filter(m -> PaperLog.firstDayNotCovered(m, location, firstDay, lastDay).isEmpty())
        .orElseThrow(() -> new Invalid("no_mandate_in_force", "mandateId",
            "The mandate does not allow logging at this location on every day the paper log covers"));
    return PaperLog.shredBy(found, lastDay, s.timeZone());
  }

  private static LocalDate day(JsonObject body, String field) {
    try {
      return LocalDate.parse(body.getString(field));
    } catch (DateTimeParseException e) {
      throw new Invalid("invalid_value", field, field + " must be a date, YYYY-MM-DD");
    }
  }

  private Future<Response> list(RequestContext request) {
    Optional<PaperLog.Status> status = request.query().string("status").map(code -> PaperLog.Status.ofCode(code)
        .orElseThrow(() -> new Malformed("status must be one of kept, due, shredded")));
    Optional<String> location = request.query().string("location").map(Locations::require);
    Search search = Search.of(request.query().string("query"), PaperLogStore.FIELDS);
    Paging paging = request.query().paging(MAX_LIMIT);
    Instant now = clock.instant();
    return settings.get(request.tenant())
        .compose(s -> store.list(pool, request.tenant(), status, location, now, s.maxHoldDays(), search, paging))
        .map(page -> {
          JsonArray logs = new JsonArray();
          page.records().forEach(log -> logs.add(log.toJson(now)));
          return Response.ok(paging.collection("paperLogs", logs, page.totalRecords()));
        });
  }

  private Future<Response> get(RequestContext request) {
    UUID id = request.pathId("id");
    Instant now = clock.instant();
    return settings.get(request.tenant())
        .compose(s -> found(store.find(pool, request.tenant(), id, now, s.maxHoldDays(), false), id))
        .map(log -> Response.ok(log.toJson(now)));
  }

  private Future<Response> shred(RequestContext request) {
    UUID id = request.pathId("id");
    UUID shredder = request.staffMember();
    UUID witness = UUID.fromString(request.body().getString("witnessUserId"));
    if (witness.equals(shredder)) {
      throw new Invalid("second_person_required", "witnessUserId",
          "A shredding must be witnessed by a different staff member than the one who shredded");
    }
    Instant now = clock.instant();
    PaperLog.Shredding shredding = new PaperLog.Shredding(now, shredder, witness);
    return pool.withTransaction(conn -> settings.get(conn, request.tenant())
        .compose(s -> found(store.find(conn, request.tenant(), id, now, s.maxHoldDays(), true), id))
        .compose(log -> {
          if (log.shredding().isPresent()) {
            return Future.failedFuture(new Conflict("The paper log has already been shredded"));
          }
          if (log.held()) {
            return Future.failedFuture(new Invalid("held_by_disclosure", "id",
                "A pending or approved disclosure covers this paper log; it may not be shredded until the "
                    + "disclosure is decided or its release ends: " + log.heldBy().get(0)));
          }
          return store.recordShredding(conn, request.tenant(), id, shredding)
              .compose(recorded -> audit.record(conn, request.actor(), AuditAction.PAPER_LOG_SHRED, 1, Optional.of(id),
                  new JsonObject().put("witnessUserId", witness.toString())
                      .put("shredBy", Timestamps.format(log.shredBy()))))
              .map(audited -> new PaperLog(log.id(), log.location(), log.firstDay(), log.lastDay(), log.storedAt(),
                  log.mandateId(), log.shredBy(), log.registeredDate(), log.registeredBy(), Optional.of(shredding),
                  List.of()));
        }))
        .map(log -> Response.ok(log.toJson(now)));
  }

  private static Future<PaperLog> found(Future<Optional<PaperLog>> lookup, UUID id) {
    return lookup.map(log -> log.orElseThrow(() -> new NotFound("Paper log not found: " + id)));
  }
}
