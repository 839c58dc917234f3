package org.folio.contacttracing.mandate;

import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * What an admission was decided on: the mandate and the settings, each by the stamp its row carried. The database
 * gives a row a new random stamp on every insert and update, whatever column changes (migration V15), so a write that
 * confirms the stamps confirms every rule the decision used, including rules added later.
 *
 * @param settingsStamp {@link #NO_SETTINGS} when there was no settings row
 */
public record AdmissionStamp(UUID mandateId, UUID mandateStamp, UUID settingsStamp) {
  /** The settings stamp when there is no settings row, and the defaults apply. */
  public static final UUID NO_SETTINGS = new UUID(0, 0);

  /**
   * The one SQL condition under which anything admitted may be written: true while the mandate and the settings
   * still carry these stamps. It locks the mandate's row ({@code FOR SHARE}) until the transaction ends, so a
   * change of the mandate and the write wait for each other, and a write that waited sees the changed row's new
   * stamp. Takes parameters {@code $first} to {@code $first+2}, see {@link #addTo}.
   */
  public static String holds(TenantId tenant, int first) {
    return holds(tenant, "$" + first + "::uuid", "$" + (first + 1) + "::uuid", "$" + (first + 2) + "::uuid");
  }

  /** {@link #holds(TenantId, int)} over SQL expressions instead of parameters, for a statement of many entries. */
  public static String holds(TenantId tenant, String mandateId, String mandateStamp, String settingsStamp) {
    // plain SQL, not a function: planned once with the prepared statement, and no PL/pgSQL call per write
    return "EXISTS (SELECT 1 FROM " + tenant.table("mandate") + " m WHERE m.id = " + mandateId + " AND m.stamp = "
        + mandateStamp + " FOR SHARE) AND " + settingsStamp + " = coalesce((SELECT s.stamp FROM "
        + tenant.table("settings") + " s LIMIT 1), '" + NO_SETTINGS + "'::uuid)";
  }

  /** Adds the parameters of {@link #holds} to a tuple. */
  public Tuple addTo(Tuple tuple) {
    return tuple.addUUID(mandateId).addUUID(mandateStamp).addUUID(settingsStamp);
  }
}
