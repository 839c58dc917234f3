package org.folio.contacttracing.mandate;

import java.time.Instant;

/**
 * Permission to record a visit: the mandate in force, the slot the visit goes into, and when what is
 * recorded must be destroyed.
 */
public record Admission(Mandate mandate, TimeBucket bucket, Instant destroyAfter) {
}
