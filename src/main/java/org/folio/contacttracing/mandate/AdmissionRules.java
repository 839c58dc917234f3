package org.folio.contacttracing.mandate;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What admitting a visit at a location rests on, as read by one statement: the library's time zone and granularity,
 * the mandates covering the location that may be in force then in any time zone (newest first), and the stamps
 * the settings and each mandate carried (see {@link AdmissionStamp}).
 *
 * @param settingsStamp {@link AdmissionStamp#NO_SETTINGS} when there was no settings row and the defaults apply
 */
public record AdmissionRules(ZoneId zone, int granularityMinutes, UUID settingsStamp, List<Mandate> candidates,
    Map<UUID, UUID> mandateStamps) {
}
