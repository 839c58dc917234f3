package org.folio.contacttracing.mandate;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What admitting a visit at a location rests on, as read by one statement: the library's time zone and granularity,
 * the mandates covering the location that may be in force then in any time zone (newest first), and the stamp
 * each mandate carried (see {@link AdmissionStamp}), which a change of the settings renews too.
 */
public record AdmissionRules(ZoneId zone, int granularityMinutes, List<Mandate> candidates,
    Map<UUID, UUID> mandateStamps) {
}
