package org.folio.contacttracing.platform.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.folio.contacttracing.platform.crypto.KeyEncryptionKeys;
import org.folio.contacttracing.platform.crypto.SecretDirectory;

/**
 * Everything the module is started with. Built once by {@code Main} from the command line and the
 * environment; tests build it directly.
 *
 * @param httpPort port to listen on
 * @param database an external PostgreSQL, or empty to start the embedded one
 * @param embeddedDataDirectory where the embedded PostgreSQL keeps its data between runs
 * @param clock the module's notion of "now"; tests inject their own
 * @param keys the key-encryption keys that wrap the data keys of personal data
 */
public record ModuleConfig(
    int httpPort,
    Optional<DatabaseSettings> database,
    Path embeddedDataDirectory,
    Clock clock,
    KeyEncryptionKeys keys) {

  public static final int DEFAULT_PORT = 8081;
  public static final String EMBEDDED_DIR_VARIABLE = "CONTACT_TRACING_EMBEDDED_PG_DIR";
  /**
   * Whether a missing {@code DB_HOST} may start the embedded PostgreSQL and generate a development KEK: {@code allowed}
   * (the default, for the fat jar's quick start) or {@code refused} (what the Dockerfile sets).
   */
  public static final String EMBEDDED_DATABASE_VARIABLE = "CONTACT_TRACING_EMBEDDED_DATABASE";

  /**
   * Reads the configuration the way FOLIO deploys modules: {@code -Dhttp.port=N} as a system property, or
   * {@code -Dhttp.port=N} / {@code http.port=N} as arguments after the jar (the arguments win).
   */
  public static ModuleConfig from(List<String> args, Map<String, String> env, Map<String, String> systemProperties) {
    String port = systemProperties.get("http.port");
    for (String arg : args) {
      String plain = arg.startsWith("-D") ? arg.substring(2) : arg;
      if (plain.startsWith("http.port=")) {
        port = plain.substring("http.port=".length());
      } else {
        throw new IllegalArgumentException("Unknown argument: " + arg + " (expected http.port=N)");
      }
    }
    Optional<DatabaseSettings> database = DatabaseSettings.fromEnvironment(env);
    if (database.isEmpty() && !embeddedDatabaseAllowed(env)) {
      // checked before anything is started or written: a container must not keep the log in its own layer
      throw new IllegalStateException("DB_HOST is not set, and " + EMBEDDED_DATABASE_VARIABLE + "=refused: this"
          + " image never runs its database inside the container. Set DB_HOST (and DB_PORT, DB_USERNAME, DB_PASSWORD,"
          + " DB_DATABASE) and CONTACT_TRACING_KEK or CONTACT_TRACING_KEK_FILE; for a throw-away evaluation only, set "
          + EMBEDDED_DATABASE_VARIABLE + "=allowed");
    }
    Path embeddedDirectory = embeddedDataDirectory(env, systemProperties);
    Optional<SecretDirectory> development = database.isPresent()
        ? Optional.empty()
        : Optional.of(SecretDirectory.beside(embeddedDirectory));
    return new ModuleConfig(
        parsePort(port),
        database,
        embeddedDirectory,
        Clock.systemUTC(),
        KeyEncryptionKeys.fromEnvironment(env, development));
  }

  private static boolean embeddedDatabaseAllowed(Map<String, String> env) {
    String value = env.getOrDefault(EMBEDDED_DATABASE_VARIABLE, "allowed").trim();
    return switch (value) {
      case "allowed", "" -> true;
      case "refused" -> false;
      default -> throw new IllegalArgumentException(EMBEDDED_DATABASE_VARIABLE + " must be allowed or refused");
    };
  }

  static Path embeddedDataDirectory(Map<String, String> env, Map<String, String> systemProperties) {
    String configured = env.get(EMBEDDED_DIR_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(systemProperties.getOrDefault("user.home", "."), ".mod-contact-tracing", "pgdata");
  }

  private static int parsePort(String port) {
    if (port == null || port.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int value = Integer.parseInt(port.trim());
      if (value < 0 || value > 65535) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("http.port must be a port number, got: " + port);
    }
  }
}
