package org.folio.contacttracing.paperlog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.platform.Timestamps;

/**
 * A sheet or book of a paper visitor log, as the register knows it: where and for which library days it was
 * kept, where it is stored when not in use, the mandate it was kept under and when it must be shredded. It
 * describes the sheet, never the visitors on it; {@code storedAt} is the only free text and names a place.
 *
 * @param heldBy pending or approved, unexpired disclosures whose window and locations cover the sheet, while
 *     they may still hold it ({@code maxHoldDays} past {@code shredBy})
 */
public record PaperLog(
    UUID id,
    String location,
    LocalDate firstDay,
    LocalDate lastDay,
    String storedAt,
    UUID mandateId,
    Instant shredBy,
    Instant registeredDate,
    UUID registeredBy,
    Optional<Shredding> shredding,
    List<UUID> heldBy) {

  /** The most library days one registered sheet or book may cover. */
  public static final int MAX_DAYS = 31;

  /** The destruction record: who shredded the sheet, who witnessed it, and when. */
  public record Shredding(Instant date, UUID shreddedBy, UUID witnessedBy) {
  }

  public enum Status {
    /** Not yet due: shredBy lies ahead. */
    KEPT("kept"),
    /** shredBy has come and the sheet has not been shredded. */
    DUE("due"),
    SHREDDED("shredded");

    private final String code;

    Status(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Optional<Status> ofCode(String code) {
      return java.util.Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
  }

  /** The number of library days from {@code firstDay} to {@code lastDay}, both included. */
  public static long days(LocalDate firstDay, LocalDate lastDay) {
    return ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
  }

  /** The first covered day on which the mandate does not allow logging at the location, if any. */
  public static Optional<LocalDate> firstDayNotCovered(Mandate mandate, String location, LocalDate firstDay,
      LocalDate lastDay) {
    return firstDay.datesUntil(lastDay.plusDays(1)).filter(day -> !mandate.allowsLogging(location, day)).findFirst();
  }

  /** When a sheet kept under the mandate must be shredded: as an entry of its latest day is destroyed. */
  public static Instant shredBy(Mandate mandate, LocalDate lastDay, ZoneId zone) {
    return mandate.destroyAfter(lastDay, zone).toInstant();
  }

  /** The first moment the sheet covers: the start of its first day in the library's time zone. */
  public static Instant coveredFrom(LocalDate firstDay, ZoneId zone) {
    return firstDay.atStartOfDay(zone).toInstant();
  }

  /** The end of the sheet's last day in the library's time zone. */
  public static Instant coveredUntil(LocalDate lastDay, ZoneId zone) {
    return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
  }

  public Status status(Instant now) {
    if (shredding.isPresent()) {
      return Status.SHREDDED;
    }
    return shredBy.isAfter(now) ? Status.KEPT : Status.DUE;
  }

  public boolean held() {
    return !heldBy.isEmpty();
  }

  public JsonObject toJson(Instant now) {
    JsonArray holding = new JsonArray();
    heldBy.forEach(id -> holding.add(id.toString()));
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("location", location)
        .put("firstDay", firstDay.toString())
        .put("lastDay", lastDay.toString())
        .put("storedAt", storedAt)
        .put("mandateId", mandateId.toString())
        .put("shredBy", Timestamps.format(shredBy))
        .put("status", status(now).code())
        .put("held", held())
        .put("heldBy", holding)
        .put("registeredDate", Timestamps.format(registeredDate))
        .put("registeredByUserId", registeredBy.toString());
    shredding.ifPresent(s -> json
        .put("shreddedDate", Timestamps.format(s.date()))
        .put("shreddedByUserId", s.shreddedBy().toString())
        .put("witnessedByUserId", s.witnessedBy().toString()));
    return json;
  }
}
