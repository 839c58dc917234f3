package org.folio.contacttracing.platform.audit;

/** Everything that is reported to the access audit. */
public enum AuditAction {
  CONTACT_LOG_CREATE("contact-log.create"),
  CONTACT_LOG_READ("contact-log.read"),
  CONTACT_LOG_UPDATE("contact-log.update"),
  CONTACT_LOG_DELETE("contact-log.delete"),
  /** An entry refused when read because its row no longer matches its seal; the target is the entry. */
  CONTACT_LOG_INTEGRITY_FAILURE("contact-log.integrity-failure"),
  MANDATE_CREATE("mandate.create"),
  MANDATE_UPDATE("mandate.update"),
  MANDATE_DELETE("mandate.delete"),
  /** A check-in with the authority about a mandate, and its outcome; the target is the mandate. */
  MANDATE_REVIEW("mandate.review"),
  SETTINGS_UPDATE("settings.update"),
  DISCLOSURE_REQUEST("disclosure.request"),
  DISCLOSURE_REFUSE("disclosure.refuse"),
  DISCLOSURE_APPROVE("disclosure.approve"),
  DISCLOSURE_DENY("disclosure.deny"),
  /** A release of an approved disclosure; the only action the transparency report counts as entries released. */
  DISCLOSURE_RELEASE("disclosure.release"),
  /** A client's retry of a release it did not receive: the same entries again, not counted again. */
  DISCLOSURE_RELEASE_REPEAT("disclosure.release-repeat"),
  /** A paper log entered in the register; the target is the paper log. */
  PAPER_LOG_REGISTER("paper-log.register"),
  /** A paper log's shredding, by one staff member and witnessed by another; the target is the paper log. */
  PAPER_LOG_SHRED("paper-log.shred"),
  RETENTION_PURGE("retention.purge"),
  RETENTION_OVERDUE("retention.overdue");

  private final String code;

  AuditAction(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static java.util.Optional<AuditAction> ofCode(String code) {
    return java.util.Arrays.stream(values()).filter(action -> action.code.equals(code)).findFirst();
  }
}
