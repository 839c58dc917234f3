package org.folio.contacttracing.contactlog;

import org.folio.contacttracing.platform.failure.Invalid;


/**
 * The one entry asked for failed its integrity check: answered with the code {@code integrity_check_failed} and
 * without the entry's data.
 */
public final class IntegrityCheckFailed extends Invalid {
  private final transient IntegrityFailure failure;

  IntegrityCheckFailed(IntegrityFailure failure) {
    super("integrity_check_failed", "id", "The stored entry " + failure.id() + " no longer matches what was sealed "
        + "(its location, slot, mandate or destroyAfter was changed outside the module); it is not served, and the "
        + "failure is recorded in the audit");
    this.failure = failure;
  }

  public IntegrityFailure failure() {
    return failure;
  }
}
