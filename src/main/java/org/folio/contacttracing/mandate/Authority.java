package org.folio.contacttracing.mandate;

import io.vertx.core.json.JsonObject;

/** Who ordered the logging: {@code law}, {@code public-health-agency} or {@code elected-official}, and its name. */
public record Authority(String type, String name) {

  public static Authority fromJson(JsonObject json) {
    return new Authority(json.getString("type"), json.getString("name"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("name", name);
  }
}
