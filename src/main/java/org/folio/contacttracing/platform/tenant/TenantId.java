package org.folio.contacttracing.platform.tenant;

import java.util.regex.Pattern;
import org.folio.contacttracing.platform.failure.Malformed;

/**
 * A tenant id that is safe to splice into SQL identifiers. Only lower-case letters, digits and
 * underscores, starting with a letter, at most 31 characters, so that {@code <tenant>_mod_contact_tracing}
 * stays well within PostgreSQL's 63-byte identifier limit.
 */
public record TenantId(String value) {
  private static final Pattern VALID = Pattern.compile("\\A[a-z][a-z0-9_]{0,30}\\z");
  private static final String MODULE_SUFFIX = "_mod_contact_tracing";

  public TenantId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new Malformed(
          "X-Okapi-Tenant must be 1 to 31 lower-case letters, digits or underscores, starting with a letter");
    }
    if (value.startsWith("pg_")) {
      // PostgreSQL reserves schema names starting with pg_: CREATE SCHEMA would fail
      throw new Malformed("X-Okapi-Tenant must not start with pg_, which PostgreSQL reserves");
    }
  }

  /** Parses the {@code X-Okapi-Tenant} header; a missing one is a 400. */
  public static TenantId fromHeader(String header) {
    if (header == null || header.isEmpty()) {
      throw new Malformed("X-Okapi-Tenant header is required");
    }
    return new TenantId(header);
  }

  /** The tenant's own schema, {@code <tenant>_mod_contact_tracing}. */
  public String schema() {
    return value + MODULE_SUFFIX;
  }

  /** A schema-qualified table name for SQL text. */
  public String table(String name) {
    return schema() + "." + name;
  }

  @Override
  public String toString() {
    return value;
  }
}
