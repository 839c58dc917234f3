package org.folio.contacttracing.mandate;

import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * What an admission was decided on: the stamp its mandate's row carried. The database gives a mandate a new random
 * stamp on every insert and update, whatever column changes (migration V15), and every mandate a new one when the
 * settings change (V18), so a write that confirms the stamp confirms every rule the decision used, the settings'
 * included, and rules added later.
 */
public record AdmissionStamp(UUID mandateId, UUID mandateStamp) {
  /**
   * The one SQL condition under which anything admitted may be written: true while the mandate still carries this
   * stamp. It locks the mandate's row ({@code FOR SHARE}) until the transaction ends, so a change of the mandate or
   * of the settings and the write wait for each other, and a write that waited sees the new stamp. Takes
   * parameters {@code $first} and {@code $first+1}, see {@link #addTo}.
   */
  public static String holds(TenantId tenant, int first) {
    return holds(tenant, "$" + first + "::uuid", "$" + (first + 1) + "::uuid");
  }

  /** {@link #holds(TenantId, int)} over SQL expressions instead of parameters, for a statement of many entries. */
  public static String holds(TenantId tenant, String mandateId, String mandateStamp) {
    // plain SQL, not a function: planned once with the prepared statement, and no PL/pgSQL call per write
    return "EXISTS (SELECT 1 FROM " + tenant.table("mandate") + " m WHERE m.id = " + mandateId + " AND m.stamp = "
        + mandateStamp + " FOR SHARE)";
  }

  /** Adds the parameters of {@link #holds} to a tuple. */
  public Tuple addTo(Tuple tuple) {
    return tuple.addUUID(mandateId).addUUID(mandateStamp);
  }
}
