package org.folio.contacttracing.platform;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** FOLIO record metadata: who created and last changed a configuration record, and when. */
public record Metadata(Instant createdDate, Optional<UUID> createdByUserId, Instant updatedDate,
    Optional<UUID> updatedByUserId) {

  public static Metadata created(Instant now, Optional<UUID> userId) {
    return new Metadata(now, userId, now, userId);
  }

  public Metadata updated(Instant now, Optional<UUID> userId) {
    return new Metadata(createdDate, createdByUserId, now, userId);
  }

  /** Reads the four metadata columns every configuration table has. */
  public static Metadata from(Row row) {
    return new Metadata(
        row.getOffsetDateTime("created_date").toInstant(),
        Optional.ofNullable(row.getUUID("created_by_user_id")),
        row.getOffsetDateTime("updated_date").toInstant(),
        Optional.ofNullable(row.getUUID("updated_by_user_id")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("createdDate", Timestamps.format(createdDate));
    createdByUserId.ifPresent(id -> json.put("createdByUserId", id.toString()));
    json.put("updatedDate", Timestamps.format(updatedDate));
    updatedByUserId.ifPresent(id -> json.put("updatedByUserId", id.toString()));
    return json;
  }

  public OffsetDateTime createdAt() {
    return Timestamps.utc(createdDate);
  }

  public OffsetDateTime updatedAt() {
    return Timestamps.utc(updatedDate);
  }
}
