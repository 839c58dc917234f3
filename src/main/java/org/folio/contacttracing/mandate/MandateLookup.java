package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.util.Optional;
import org.folio.contacttracing.platform.tenant.TenantId;

/** What logging needs of mandates: the one in force at a location on a day, if any. */
public interface MandateLookup {

  /** Within the caller's transaction. */
  Future<Optional<Mandate>> findInForce(SqlClient client, TenantId tenant, String location, LocalDate day);

  Future<Optional<Mandate>> findInForce(TenantId tenant, String location, LocalDate day);

  /** The mandate in force on the day for all of the library's locations, if any. */
  Future<Optional<Mandate>> findInForceEverywhere(TenantId tenant, LocalDate day);
}
