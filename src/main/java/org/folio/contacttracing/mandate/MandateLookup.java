package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.folio.contacttracing.platform.tenant.TenantId;

/** What logging needs of mandates: the one in force at a location on a day, if any. */
public interface MandateLookup {

  Future<Optional<Mandate>> findInForce(TenantId tenant, String location, LocalDate day);

  /**
   * What admitting a visit at the location at {@code at} needs, by one statement: the settings' time zone and
   * granularity, and every mandate covering the location that may be in force then in any time zone (the library
   * day is within a day of the UTC date), newest first; each with its stamp.
   */
  Future<AdmissionRules> admissionRules(SqlClient client, TenantId tenant, String location, Instant at);

  /** Every mandate in force on the day, whatever locations it covers, newest first. */
  Future<List<Mandate>> findAllInForce(TenantId tenant, LocalDate day);
}
