package org.folio.contacttracing.settings;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import java.util.Optional;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.failure.Invalid;

/**
 * How one library runs contact tracing.
 *
 * @param timeZone the zone the library's days are counted in
 * @param timeGranularityMinutes visit times are stored rounded down to this many minutes
 * @param statute the state's library-confidentiality statute, when the library has named it
 * @param legalCounsel how staff reach the library's legal counsel, when the library has said
 * @param noticeWording the library's own wording of the notice per language, replacing the module's
 */
public record Settings(
    ZoneId timeZone,
    int timeGranularityMinutes,
    int maxDisclosureWindowDays,
    int releaseHours,
    int maxHoldDays,
    int auditRetentionDays,
    Optional<Statute> statute,
    Optional<LegalCounsel> legalCounsel,
    NoticeWording noticeWording,
    Optional<Metadata> metadata) {

  public static final Settings DEFAULTS = new Settings(ZoneId.of("UTC"), 15, 31, 72, 14, 400, Optional.empty(),
      Optional.empty(), NoticeWording.NONE, Optional.empty());

  /** The longest retention a mandate may set, in days after the day of the visit (mandate.json). */
  static final int LONGEST_RETENTION_DAYS = 366;
  /**
   * A pending request holds entries without any second person's approval, so a hold may last no longer than a
   * decision and a release window need (releaseHours is at most 720, 30 days): it never becomes a second
   * retention period.
   */
  public static final int MAX_HOLD_DAYS = 31;
  /**
   * The audit of every entry outlives the entry, so no one can destroy the record of what was done with it: an
   * entry lives at most {@value #LONGEST_RETENTION_DAYS} days, plus its visit day, plus {@value #MAX_HOLD_DAYS}
   * days of hold (398 days, and up to an hour until the purge runs); 400 leaves a margin and is the default.
   * It also keeps the record of a change of this setting for 400 days.
   */
  public static final int MIN_AUDIT_RETENTION_DAYS = 400;
  public static final int MAX_AUDIT_RETENTION_DAYS = 3660;

  /**
   * A PUT body (already checked against settings.json, whose bounds these repeat and V8__settings_bounds.sql
   * enforces in the database); absent fields take their defaults, and an absent statute or counsel is none.
   *
   * @throws Invalid {@code invalid_value} for a value out of bounds
   */
  public static Settings fromJson(JsonObject json) {
    return new Settings(
        zone(json.getString("timeZone", DEFAULTS.timeZone.getId())),
        json.getInteger("timeGranularityMinutes", DEFAULTS.timeGranularityMinutes),
        within(json, "maxDisclosureWindowDays", DEFAULTS.maxDisclosureWindowDays, 1, 366, ""),
        within(json, "releaseHours", DEFAULTS.releaseHours, 1, 720, ""),
        within(json, "maxHoldDays", DEFAULTS.maxHoldDays, 0, MAX_HOLD_DAYS,
            ": a hold, which no second person approves, must not become a second retention period"),
        within(json, "auditRetentionDays", DEFAULTS.auditRetentionDays, MIN_AUDIT_RETENTION_DAYS,
            MAX_AUDIT_RETENTION_DAYS, ": the audit of every entry must outlive the entry"),
        Optional.ofNullable(json.getJsonObject("statute")).map(s -> Statute.fromJson(s, "statute")),
        Optional.ofNullable(json.getJsonObject("legalCounsel")).map(LegalCounsel::fromJson),
        Optional.ofNullable(json.getJsonObject("noticeWording")).map(NoticeWording::fromJson)
            .orElse(NoticeWording.NONE),
        Optional.empty());
  }

  private static int within(JsonObject json, String field, int fallback, int min, int max, String why) {
    int value = json.getInteger(field, fallback);
    if (value < min || value > max) {
      throw new Invalid("invalid_value", field, field + " must be from " + min + " to " + max + why);
    }
    return value;
  }

  /** Only region zones from the IANA database, such as {@code Europe/Berlin} or {@code UTC}. */
  static ZoneId zone(String id) {
    if (!ZoneRulesProvider.getAvailableZoneIds().contains(id)) {
      throw new Invalid("invalid_value", "timeZone",
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
    statute.ifPresent(s -> json.put("statute", s.toJson()));
    legalCounsel.ifPresent(c -> json.put("legalCounsel", c.toJson()));
    if (!noticeWording.byLanguage().isEmpty()) {
      json.put("noticeWording", noticeWording.toJson());
    }
    metadata.ifPresent(m -> json.put("metadata", m.toJson()));
    return json;
  }
}
