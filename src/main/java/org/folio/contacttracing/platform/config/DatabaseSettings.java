package org.folio.contacttracing.platform.config;

import java.util.Map;
import java.util.Optional;

/**
 * How to reach PostgreSQL, read from FOLIO's {@code DB_*} variables.
 *
 * @param serverPem PEM of the server certificate or CA; when present the connection uses TLS and verifies it
 */
public record DatabaseSettings(
    String host,
    int port,
    String username,
    String password,
    String database,
    int maxPoolSize,
    int queryTimeoutMs,
    int connectionReleaseDelayMs,
    Optional<String> serverPem) {

  public static final int DEFAULT_MAX_POOL_SIZE = 4;
  public static final int DEFAULT_QUERY_TIMEOUT_MS = 60_000;
  public static final int DEFAULT_CONNECTION_RELEASE_DELAY_MS = 60_000;

  /** Settings for an external server, or empty when {@code DB_HOST} is unset. */
  public static Optional<DatabaseSettings> fromEnvironment(Map<String, String> env) {
    String host = env.get("DB_HOST");
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new DatabaseSettings(
        host,
        intValue(env, "DB_PORT", 5432),
        env.getOrDefault("DB_USERNAME", "folio_admin"),
        env.getOrDefault("DB_PASSWORD", ""),
        env.getOrDefault("DB_DATABASE", "okapi_modules"),
        intValue(env, "DB_MAXPOOLSIZE", DEFAULT_MAX_POOL_SIZE),
        intValue(env, "DB_QUERYTIMEOUT", DEFAULT_QUERY_TIMEOUT_MS),
        intValue(env, "DB_CONNECTIONRELEASEDELAY", DEFAULT_CONNECTION_RELEASE_DELAY_MS),
        Optional.ofNullable(env.get("DB_SERVER_PEM")).filter(pem -> !pem.isBlank())));
  }

  /** The same server with pool tuning taken from the environment; used for the embedded server. */
  public static DatabaseSettings local(int port, String user, String password, String database, Map<String, String> env) {
    return new DatabaseSettings("localhost", port, user, password, database,
        intValue(env, "DB_MAXPOOLSIZE", DEFAULT_MAX_POOL_SIZE),
        intValue(env, "DB_QUERYTIMEOUT", DEFAULT_QUERY_TIMEOUT_MS),
        intValue(env, "DB_CONNECTIONRELEASEDELAY", DEFAULT_CONNECTION_RELEASE_DELAY_MS),
        Optional.empty());
  }

  public String jdbcUrl() {
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
    if (serverPem.isPresent()) {
      // pgjdbc reads the certificate itself from the variable, so it never lands in a file
      url += "?sslmode=verify-full&sslfactory=org.postgresql.ssl.SingleCertValidatingFactory"
          + "&sslfactoryarg=env:DB_SERVER_PEM";
    }
    return url;
  }

  private static int intValue(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
  }

  @Override
  public String toString() {
    return "DatabaseSettings[host=" + host + ", port=" + port + ", user=" + username + ", database=" + database
        + ", maxPoolSize=" + maxPoolSize + ", tls=" + serverPem.isPresent() + "]";
  }
}
