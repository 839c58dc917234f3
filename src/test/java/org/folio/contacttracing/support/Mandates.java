package org.folio.contacttracing.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Mandate bodies for tests. */
public final class Mandates {
  private Mandates() {
  }

  /** A public-health order collecting the given fields, from {@code from} on, at the given locations (none: all). */
  public static JsonObject mandate(String from, List<String> fields, int retentionDays, String... locations) {
    return new JsonObject()
        .put("authority", new JsonObject().put("type", "public-health-agency").put("name", "County Health Department"))
        .put("reference", "Order 2026-17")
        .put("effectiveFrom", from)
        .put("reviewBy", "2026-12-31")
        .put("collectedFields", new JsonArray(fields))
        .put("retentionDays", retentionDays)
        .put("locations", new JsonArray(List.of(locations)));
  }
}
