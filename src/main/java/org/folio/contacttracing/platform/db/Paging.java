package org.folio.contacttracing.platform.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * FOLIO's paging of a collection, in one place: {@code offset} (default 0) and {@code limit} (default 10, 0 counts
 * only). A limit above the collection's maximum is not refused, as UIs ask for 1000 or 2000 records to fill a list:
 * it is clamped to the maximum, and the answer's {@code resultInfo.diagnostics} says so.
 *
 * @param limit the limit applied
 * @param requestedLimit the limit the client asked for
 */
public record Paging(int offset, int limit, int requestedLimit, int maxLimit) {
  public static final String LIMIT_CLAMPED = "limit_clamped";

  /** The page a client asked for, its limit clamped to {@code maxLimit}. */
  public static Paging of(int offset, int requestedLimit, int maxLimit) {
    return new Paging(offset, Math.min(requestedLimit, maxLimit), requestedLimit, maxLimit);
  }

  public boolean clamped() {
    return requestedLimit > limit;
  }

  /**
   * A collection as FOLIO answers one: the records under {@code name}, {@code totalRecords}, and {@code resultInfo}
   * with the total and the diagnostics, such as the limit being clamped.
   */
  public JsonObject collection(String name, JsonArray records, int totalRecords) {
    JsonArray diagnostics = new JsonArray();
    if (clamped()) {
      diagnostics.add(new JsonObject().put("code", LIMIT_CLAMPED)
          .put("message", "limit " + requestedLimit + " is above this collection's maximum; at most " + maxLimit
              + " records are returned per page, page with offset for more")
          .put("limit", limit));
    }
    return new JsonObject().put(name, records).put("totalRecords", totalRecords)
        .put("resultInfo", new JsonObject().put("totalRecords", totalRecords).put("diagnostics", diagnostics));
  }
}
