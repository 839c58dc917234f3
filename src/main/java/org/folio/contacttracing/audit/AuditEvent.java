package org.folio.contacttracing.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.Timestamps;

/** One append-only audit record. */
public record AuditEvent(UUID id, Instant occurredAt, Optional<UUID> userId, String action, int recordCount,
    Optional<String> requestId, Optional<UUID> targetId, JsonObject details) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id.toString()).put("occurredAt", Timestamps.format(occurredAt));
    userId.ifPresent(user -> json.put("userId", user.toString()));
    json.put("action", action).put("recordCount", recordCount);
    requestId.ifPresent(request -> json.put("requestId", request));
    targetId.ifPresent(target -> json.put("targetId", target.toString()));
    if (!details.isEmpty()) {
      json.put("details", details);
    }
    return json;
  }
}
