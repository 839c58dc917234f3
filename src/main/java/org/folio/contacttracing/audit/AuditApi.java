package org.folio.contacttracing.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.folio.contacttracing.platform.audit.AuditAction;
import org.folio.contacttracing.platform.failure.Malformed;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;

/** {@code /contact-tracing/audit-events}: who did what to which records, and when. */
public final class AuditApi implements Feature {
  /** Events name no visitor, but there are many: pages stay at most this long. */
  public static final int MAX_LIMIT = 1000;

  private final AuditStore store;

  public AuditApi(AuditStore store) {
    this.store = store;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/audit-events", Set.of("from", "to", "action", "userId", "query", "offset", "limit"),
        this::list);
  }

  private Future<Response> list(RequestContext request) {
    var query = request.query();
    Optional<String> action = query.string("action");
    if (action.isPresent() && AuditAction.ofCode(action.get()).isEmpty()) {
      throw new Malformed("action must be one of the audit actions, such as contact-log.read");
    }
    Search search = Search.of(query.string("query"), AuditStore.FIELDS);
    Paging paging = query.paging(MAX_LIMIT);
    return store.list(request.tenant(), query.timestamp("from").map(OffsetDateTime::toInstant),
            query.timestamp("to").map(OffsetDateTime::toInstant), action, query.uuid("userId"), search, paging)
        .map(page -> {
          JsonArray events = new JsonArray();
          page.records().forEach(event -> events.add(event.toJson()));
          return Response.ok(paging.collection("auditEvents", events, page.totalRecords()));
        });
  }
}
