package org.folio.contacttracing.platform.tenant;

import io.vertx.core.Future;

/**
 * Work a tenant job does after the schema migrations, in the module rather than in SQL: what needs the
 * key-encryption key, which never enters the database. It must be safe to run again, and by two instances at once.
 */
public interface DataUpgrade {

  /** @return how many records it changed */
  Future<Integer> run(TenantId tenant);
}
