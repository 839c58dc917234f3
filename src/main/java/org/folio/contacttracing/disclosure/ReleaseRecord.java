package org.folio.contacttracing.disclosure;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One release of an approved disclosure, as accounted for: who released how many entries, when. Holds no
 * visitor data; {@code entryIds} says which entries went out, so that a retry returns no more than was counted.
 */
public record ReleaseRecord(UUID id, UUID disclosureId, Instant releasedDate, UUID releasedBy, int entries,
    int declines, int integrityFailures, List<UUID> entryIds) {

  public ReleaseRecord {
    entryIds = List.copyOf(entryIds);
  }

  /** Whether a retry may answer with this release: the same disclosure, by the same staff member. */
  boolean retriedBy(UUID disclosure, UUID staffMember) {
    return disclosureId.equals(disclosure) && releasedBy.equals(staffMember);
  }

  Set<UUID> released() {
    return Set.copyOf(entryIds);
  }
}
