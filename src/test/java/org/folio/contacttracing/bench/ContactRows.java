package org.folio.contacttracing.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.contactlog.ContactDetails;
import org.folio.contacttracing.contactlog.ContactLog;
import org.folio.contacttracing.contactlog.EntrySeal;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.settings.Settings;

/**
 * Contact-log rows as the module stores them (see {@code ContactLogStore.insert} and {@code sealed}): the
 * same columns, and the contact details sealed with AES-256-GCM under the day's data key as {@code EntrySeal} seals them.
 */
final class ContactRows {
  static final String COLUMNS = "id, mandate_id, location, visit_day, visited_bucket, bucket_minutes, "
      + "destroy_after, sealed";
  /** The tenant defaults the module applies: no harness tenant changes its settings. */
  static final ZoneId ZONE = Settings.DEFAULTS.timeZone();
  static final int BUCKET_MINUTES = Settings.DEFAULTS.timeGranularityMinutes();

  private ContactRows() {
  }

  static ContactDetails visitor(long n) {
    return new ContactDetails(Map.of(ContactField.NAME, "Visitor " + n, ContactField.PHONE, "+1 555 " + (1_000_000 + n),
        ContactField.EMAIL, "visitor" + n + "@example.org"));
  }

  /** Sealed as the module seals it: bound to the entry's row, with its destroyAfter inside. */
  static byte[] seal(SecretKey dayKey, UUID id, UUID mandateId, String location, TimeBucket bucket,
      Instant destroyAfter, ContactDetails details) {
    return EntrySeal.seal(dayKey, new ContactLog(id, mandateId, location, bucket, destroyAfter, details));
  }

  /** When the module destroys an entry of {@code day}: {@code Mandate.destroyAfter} with the default zone. */
  static Instant destroyAfter(LocalDate day, int retentionDays) {
    return day.plusDays(retentionDays + 1L).atStartOfDay(ZONE).toInstant();
  }
}
