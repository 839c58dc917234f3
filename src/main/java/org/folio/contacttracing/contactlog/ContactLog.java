package org.folio.contacttracing.contactlog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.Timestamps;

/** One stored visit. */
public record ContactLog(UUID id, UUID mandateId, String location, TimeBucket bucket, Instant destroyAfter,
    ContactDetails details) {

  /**
   * This entry as a correction of {@code stored}: destroyed no later than the stored entry would have been. A
   * destroyAfter, once set, never moves later; not by a longer retention of the mandate since, not by a visit
   * moved to a later slot or day, not by a move to another mandate.
   */
  public ContactLog correcting(ContactLog stored) {
    return destroyAfter.isAfter(stored.destroyAfter)
        ? new ContactLog(id, mandateId, location, bucket, stored.destroyAfter, details)
        : this;
  }

  /** The same entry with other contact details. */
  ContactLog withDetails(ContactDetails other) {
    return new ContactLog(id, mandateId, location, bucket, destroyAfter, other);
  }

  /** What the desk gets back: nothing personal, only the names of the fields given. */
  public JsonObject receipt() {
    JsonArray recorded = new JsonArray();
    details.present().forEach((field, given) -> {
      if (given) {
        recorded.add(field.property());
      }
    });
    return visit().put("recordedFields", recorded);
  }

  /** Which visit this is, without any contact detail. */
  private JsonObject visit() {
    return new JsonObject()
        .put("id", id.toString())
        .put("location", location)
        .put("visitedAt", Timestamps.format(bucket.start()))
        .put("mandateId", mandateId.toString())
        .put("destroyAfter", Timestamps.format(destroyAfter));
  }

  /** The full entry, for the privacy officer. */
  public JsonObject toJson() {
    JsonObject json = visit().put("visitedUntil", Timestamps.format(bucket.end()));
    details.writeTo(json);
    return json;
  }
}
