package org.folio.contacttracing.retention;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.audit.Actor;

/**
 * Who fired a purge run. Okapi's {@code _timer} calls with no user; under Eureka, mod-scheduler calls with its system
 * user's token and the sidecar sets {@code X-Okapi-User-Id} from it. The run and its audit events say which, so a
 * run without a user is never taken for a person's act, and one with a user names it.
 *
 * @param userId the system user's id, empty for Okapi's timer
 */
record TimerCaller(Optional<UUID> userId) {
  static final String OKAPI_TIMER = "okapi-timer";
  static final String SYSTEM_USER = "system-user";

  static TimerCaller of(Actor actor) {
    return new TimerCaller(actor.userId());
  }

  /** What the {@code retention_run.fired_by} column holds. */
  static Optional<TimerCaller> fromColumns(String firedBy, UUID userId) {
    if (firedBy == null) {
      // runs recorded before migration V17 did not say
      return Optional.empty();
    }
    return Optional.of(new TimerCaller(SYSTEM_USER.equals(firedBy) ? Optional.of(userId) : Optional.empty()));
  }

  String kind() {
    return userId.isPresent() ? SYSTEM_USER : OKAPI_TIMER;
  }

  /** Adds {@code firedBy}, and {@code firedByUserId} for a system user, to a run's JSON. */
  JsonObject addTo(JsonObject json) {
    json.put("firedBy", kind());
    userId.ifPresent(id -> json.put("firedByUserId", id.toString()));
    return json;
  }
}
