package org.folio.contacttracing.contactlog;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.crypto.Aead;

/**
 * How an entry's contact details are sealed, so that whoever can write to the database can neither read them
 * nor move them undetected. They are encrypted under the day's data key with associated data that binds the
 * ciphertext to the entry's id, mandate, location and slot (start, length and library day): a row whose location,
 * slot or mandate was changed, or which holds another row's ciphertext, no longer opens. The entry's destroyAfter
 * is sealed inside, as a ceiling: a stored destroyAfter later than the sealed one is refused, an earlier one (a
 * retention shortened since) is accepted, because destruction may come sooner but never later.
 *
 * <p>The binding is named, so a ciphertext bound only to the entry id, as versions before it sealed them, never
 * opens under it; only the one-off upgrade of a tenant ({@link LegacySealUpgrade}) reads those.
 */
public final class EntrySeal {
  private static final String BINDING = "contact-log/2";
  private static final String SEALED_DESTROY_AFTER = "destroyAfter";

  private EntrySeal() {
  }

  /** The entry's contact details and destroyAfter, sealed under its day's key and bound to its row. */
  public static byte[] seal(SecretKey dayKey, ContactLog entry) {
    JsonObject plaintext = new JsonObject();
    entry.details().writeTo(plaintext);
    plaintext.put(SEALED_DESTROY_AFTER, entry.destroyAfter().toString());
    return Aead.seal(dayKey, plaintext.toBuffer().getBytes(),
        associatedData(entry.id(), entry.mandateId(), entry.location(), entry.bucket()));
  }

  /**
   * Opens a stored row: the entry when the ciphertext opens under the row's own id, mandate, location and slot,
   * and the stored destroyAfter is not later than the sealed one; otherwise refused.
   */
  static ReadBack open(SecretKey dayKey, UUID id, UUID mandateId, String location, TimeBucket bucket,
      Instant destroyAfter, byte[] sealed) {
    JsonObject plaintext;
    try {
      plaintext = new JsonObject(Buffer.buffer(Aead.open(dayKey, sealed,
          associatedData(id, mandateId, location, bucket))));
    } catch (Aead.CryptoException e) {
      return new ReadBack.Refused(IntegrityFailure.bindingBroken(id, bucket.day()));
    }
    Instant ceiling = Instant.parse(plaintext.getString(SEALED_DESTROY_AFTER));
    if (destroyAfter.isAfter(ceiling)) {
      return new ReadBack.Refused(IntegrityFailure.destroyAfterMovedLater(id, bucket.day(), ceiling));
    }
    return new ReadBack.Intact(new ContactLog(id, mandateId, location, bucket, destroyAfter,
        ContactDetails.fromJson(plaintext)));
  }

  /** What the ciphertext is bound to; every part is of a fixed form or free of the separator. */
  static byte[] associatedData(UUID id, UUID mandateId, String location, TimeBucket bucket) {
    LocalDate day = bucket.day();
    return String.join("|", BINDING, id.toString(), mandateId.toString(), location, day.toString(),
        bucket.start().toString(), Integer.toString(bucket.minutes())).getBytes(StandardCharsets.UTF_8);
  }
}
