package org.folio.contacttracing.platform.crypto;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;

/** Wraps and unwraps data keys with the KEKs; the wrapped form is bound to its label (mandate and day). */
public final class DataKeyWrapper {
  private final KeyEncryptionKeys keks;

  public DataKeyWrapper(KeyEncryptionKeys keks) {
    this.keks = keks;
  }

  /** A data key wrapped with the current KEK. */
  public record Wrapped(String kekId, byte[] bytes) {
  }

  public Wrapped wrap(SecretKey dataKey, String label) {
    KeyEncryptionKeys.Kek kek = keks.current();
    return new Wrapped(kek.id(), Aead.seal(kek.key(), dataKey.getEncoded(), label.getBytes(StandardCharsets.UTF_8)));
  }

  /** @throws Aead.CryptoException when the KEK that wrapped it is not configured or the data was altered */
  public SecretKey unwrap(Wrapped wrapped, String label) {
    KeyEncryptionKeys.Kek kek = keks.byId(wrapped.kekId())
        .orElseThrow(() -> new Aead.CryptoException("the key-encryption key " + wrapped.kekId()
            + " that wrapped this data key is not configured"));
    return Aead.key(Aead.open(kek.key(), wrapped.bytes(), label.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether the KEK of this id is configured: a data key it wrapped that does not unwrap was altered. */
  public boolean configured(String kekId) {
    return keks.byId(kekId).isPresent();
  }

  public String currentKekId() {
    return keks.current().id();
  }
}
