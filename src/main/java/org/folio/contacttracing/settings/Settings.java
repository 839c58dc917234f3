package org.folio.contacttracing.settings;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import java.util.Optional;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.http.ValidationException;

/**
 * How one library runs contact tracing.
 *
 * @param timeZone the zone the library's days are counted in
 * @param timeGranularityMinutes visit times are stored rounded down to this many minutes
 */
public record Settings(
    ZoneId timeZone,
    int timeGranularityMinutes,
    int maxDisclosureWindowDays,
    int releaseHours,
    int maxHoldDays,
    int auditRetentionDays,
    Optional<Metadata> metadata) {

  public static final Settings DEFAULTS = new Settings(ZoneId.of("UTC"), 15, 31, 72, 14, 400, Optional.empty());

  /** A PUT body (already checked against settings.json); absent fields take their defaults. */
  public static Settings fromJson(JsonObject json) {
    return new Settings(
        zone(json.getString("timeZone", DEFAULTS.timeZone.getId())),
        json.getInteger("timeGranularityMinutes", DEFAULTS.timeGranularityMinutes),
        json.getInteger("maxDisclosureWindowDays", DEFAULTS.maxDisclosureWindowDays),
        json.getInteger("releaseHours", DEFAULTS.releaseHours),
        json.getInteger("maxHoldDays", DEFAULTS.maxHoldDays),
        json.getInteger("auditRetentionDays", DEFAULTS.auditRetentionDays),
        Optional.empty());
  }

  /** Only region zones from the IANA database, such as {@code Europe/Berlin} or {@code UTC}. */
  static ZoneId zone(String id) {
    if (!ZoneRulesProvider.getAvailableZoneIds().contains(id)) {
      throw new ValidationException("invalid_value", "timeZone",
          "timeZone must be an IANA time zone such as Europe/Berlin or America/Chicago");
    }
    return ZoneId.of(id);
  }

  /** The library's calendar day now, in its own time zone. */
  public java.time.LocalDate today(java.time.Clock clock) {
    return java.time.LocalDate.ofInstant(clock.instant(), timeZone);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("timeZone", timeZone.getId())
        .put("timeGranularityMinutes", timeGranularityMinutes)
        .put("maxDisclosureWindowDays", maxDisclosureWindowDays)
        .put("releaseHours", releaseHours)
        .put("maxHoldDays", maxHoldDays)
        .put("auditRetentionDays", auditRetentionDays);
    metadata.ifPresent(m -> json.put("metadata", m.toJson()));
    return json;
  }
}
