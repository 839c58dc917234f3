package org.folio.contacttracing.decline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Optional;
import org.folio.contacttracing.mandate.Admission;
import org.folio.contacttracing.mandate.LoggingGate;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;

/**
 * {@code /contact-tracing/declines}: someone declined to give contact data and was served anyway. Only a
 * count per location and time slot is kept, never who.
 */
public final class DeclineApi implements Feature {
  private final Pool pool;
  private final DeclineStore store;
  private final LoggingGate gate;

  public DeclineApi(Pool pool, DeclineStore store, LoggingGate gate) {
    this.pool = pool;
    this.store = store;
    this.gate = gate;
  }

  @Override
  public void routes(Api api) {
    api.post("/contact-tracing/declines", "decline.json", this::create);
  }

  private Future<Response> create(RequestContext request) {
    JsonObject body = request.body();
    String location = body.getString("location");
    Instant at = gate.moment(Optional.ofNullable(body.getString("visitedAt")));
    return gate.admitted(pool, request.tenant(), location, at, admission -> store.count(pool, request.tenant(),
            location, admission).map(counted -> counted ? Optional.of(admission) : Optional.<Admission>empty()))
        .map(admission -> Response.json(201, new JsonObject()
            .put("location", location)
            .put("visitedAt", Timestamps.format(admission.bucket().start()))
            .put("destroyAfter", Timestamps.format(admission.destroyAfter()))));
  }
}
