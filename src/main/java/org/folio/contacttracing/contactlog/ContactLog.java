package org.folio.contacttracing.contactlog;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.Timestamps;

/** One stored visit. */
public record ContactLog(UUID id, UUID mandateId, String location, TimeBucket bucket, Instant destroyAfter,
    ContactDetails details) {

  /** What the desk gets back: nothing personal. */
  public JsonObject receipt() {
    return new JsonObject()
        .put("id", id.toString())
        .put("location", location)
        .put("visitedAt", Timestamps.format(bucket.start()))
        .put("mandateId", mandateId.toString())
        .put("destroyAfter", Timestamps.format(destroyAfter));
  }

  /** The full entry, for the privacy officer. */
  public JsonObject toJson() {
    JsonObject json = receipt().put("visitedUntil", Timestamps.format(bucket.end()));
    details.writeTo(json);
    return json;
  }
}
