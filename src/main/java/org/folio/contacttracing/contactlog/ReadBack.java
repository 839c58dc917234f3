package org.folio.contacttracing.contactlog;

/** A stored entry as read back: intact, or refused because its row no longer matches its seal. */
sealed interface ReadBack {

  record Intact(ContactLog entry) implements ReadBack {
  }

  record Refused(IntegrityFailure failure) implements ReadBack {
  }
}
