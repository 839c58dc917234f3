package org.folio.contacttracing.platform.audit;

import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.tenant.TenantId;

/**
 * Who acted, as the audit records it: the tenant, the staff member ({@code X-Okapi-User-Id}, absent on timer and
 * tenant calls) and the request id (empty when Okapi sent none).
 */
public record Actor(TenantId tenant, Optional<UUID> userId, String requestId) {
  /** The same request with nobody named: for records that must not tie a person to what they count. */
  public Actor withoutUser() {
    return new Actor(tenant, Optional.empty(), requestId);
  }
}
