package org.folio.contacttracing.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/** The versions of the module's Flyway migrations, read from their files: numbers may have gaps. */
public final class Migrations {
  private static final Path DIRECTORY = Path.of("src/main/resources/db/migration");
  private static final Pattern VERSIONED = Pattern.compile("\\AV(\\d+)__.*\\.sql\\z");

  private Migrations() {
  }

  /** Every version, ascending. */
  public static List<Integer> versions() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      return files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
          .filter(Matcher::matches)
          .map(matcher -> Integer.parseInt(matcher.group(1)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int newest() {
    List<Integer> versions = versions();
    return versions.get(versions.size() - 1);
  }

  /**
   * Rebuilds a tenant's schema as a release that shipped migrations up to {@code version} left it (0: empty), so
   * that the next tenant job upgrades it with every later migration, whatever they are.
   */
  public static void rebuildAt(String schema, int version) throws SQLException {
    ModuleUnderTest.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    ModuleUnderTest.execute("CREATE SCHEMA " + schema);
    if (version > 0) {
      Flyway.configure()
          .dataSource(TestPostgres.settings().jdbcUrl(), TestPostgres.settings().username(),
              TestPostgres.settings().password())
          .schemas(schema).locations("classpath:db/migration").placeholderReplacement(false)
          .baselineOnMigrate(true).baselineVersion("0")
          .target(Integer.toString(version))
          .load().migrate();
    }
    ModuleUnderTest.execute("CREATE TABLE IF NOT EXISTS " + schema + ".tenant_job (id uuid PRIMARY KEY,"
        + " attributes jsonb NOT NULL, complete boolean NOT NULL DEFAULT false, error text,"
        + " created_at timestamptz NOT NULL DEFAULT now())");
  }

  /** The version before {@code version}, or 0 (Flyway's baseline) when it is the first. */
  public static int before(int version) {
    return versions().stream().filter(v -> v < version).reduce((a, b) -> b).orElse(0);
  }
}
