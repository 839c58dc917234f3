package org.folio.contacttracing.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.contactlog.DataKeyStore;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.crypto.KeyEncryptionKeys;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * The key-encryption key the harness hands to the module, kept here to wrap the data keys of the rows the
 * harness writes itself, so that the module can read them like its own.
 */
final class HarnessKeys {
  private final byte[] kek = new byte[Aead.KEY_BYTES];
  private final DataKeyWrapper wrapper;

  HarnessKeys() {
    new SecureRandom().nextBytes(kek);
    wrapper = new DataKeyWrapper(KeyEncryptionKeys.of(kek));
  }

  /** For {@code CONTACT_TRACING_KEK}. */
  String kekBase64() {
    return Base64.getEncoder().encodeToString(kek);
  }

  /**
   * A fresh data key for (mandate, day), stored wrapped in the tenant's {@code data_key} table, after the
   * day's partition of {@code contact_log} is created.
   */
  Future<SecretKey> createDataKey(SqlClient client, TenantId tenant, UUID mandateId, LocalDate day) {
    SecretKey key = Aead.newKey();
    DataKeyWrapper.Wrapped wrapped = wrapper.wrap(key, DataKeyStore.label(tenant, mandateId, day));
    return client.preparedQuery("SELECT " + tenant.table("contact_log_partition") + "($1)").execute(Tuple.of(day))
        .compose(partitioned -> client.preparedQuery("INSERT INTO " + tenant.table("data_key")
                + " (mandate_id, visit_day, kek_id, wrapped_key) VALUES ($1, $2, $3, $4)")
            .execute(Tuple.of(mandateId, day, wrapped.kekId(), Buffer.buffer(wrapped.bytes()))))
        .map(key);
  }
}
