package org.folio.contacttracing.settings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.folio.contacttracing.platform.tenant.TenantId;

/** What other features need of the settings: read them. */
public interface TenantSettings {

  Future<Settings> get(TenantId tenant);

  /**
   * Within the caller's transaction or connection: a request that already holds a connection must not wait for
   * a second one, or a full pool would wait on itself.
   */
  Future<Settings> get(SqlClient client, TenantId tenant);
}
