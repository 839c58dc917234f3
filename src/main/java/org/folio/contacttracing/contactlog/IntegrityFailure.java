package org.folio.contacttracing.contactlog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored entry refused when read, because its row no longer matches what was sealed: its location, slot or
 * mandate was changed, its ciphertext or its day's wrapped key was replaced, or its destroyAfter was moved later
 * than the sealed one. Names the entry, never its data.
 *
 * @param day the library day the row is stored under
 * @param sealedDestroyAfter when only the destroyAfter was moved later, the sealed one, so it can be set back
 */
public record IntegrityFailure(UUID id, LocalDate day, Optional<Instant> sealedDestroyAfter) {

  static IntegrityFailure bindingBroken(UUID id, LocalDate day) {
    return new IntegrityFailure(id, day, Optional.empty());
  }

  static IntegrityFailure destroyAfterMovedLater(UUID id, LocalDate day, Instant sealed) {
    return new IntegrityFailure(id, day, Optional.of(sealed));
  }

  /** A code for the log and the audit. */
  public String reason() {
    return sealedDestroyAfter.isPresent() ? "destroy_after_later_than_sealed" : "seal_does_not_match_row";
  }
}
