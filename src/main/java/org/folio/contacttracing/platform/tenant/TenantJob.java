package org.folio.contacttracing.platform.tenant;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/** An install or upgrade of one tenant, as Okapi polls it. */
public record TenantJob(UUID id, String tenant, JsonObject attributes, boolean complete, Optional<String> error) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("tenant", tenant)
        .put("tenantAttributes", attributes)
        .put("complete", complete);
    error.ifPresent(message -> json.put("error", message));
    return json;
  }
}
