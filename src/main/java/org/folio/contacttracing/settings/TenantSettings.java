package org.folio.contacttracing.settings;

import io.vertx.core.Future;
import org.folio.contacttracing.platform.tenant.TenantId;

/** What other features need of the settings: read them. */
public interface TenantSettings {

  Future<Settings> get(TenantId tenant);
}
