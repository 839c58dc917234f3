package org.folio.contacttracing.mandate;

import java.time.Instant;

/**
 * Permission to record a visit: the mandate in force, the slot the visit goes into, when what is recorded must be
 * destroyed, and the stamps the permission rests on, which the write that stores it confirms.
 */
public record Admission(Mandate mandate, TimeBucket bucket, Instant destroyAfter, AdmissionStamp stamp) {
}
