package org.folio.contacttracing.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hold and "expired" are stated in Java and in SQL; PostgreSQL answers as the Java rule does, boundaries too. */
class HoldSqlAgreesTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final List<String> LOCATIONS = List.of("main", "branch");
  private static Connection conn;

  @BeforeAll
  static void connect() throws SQLException {
    conn = TestPostgres.connect();
    conn.createStatement().execute("SET TIME ZONE 'UTC'");
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  @Test
  void holdsAgreesWithJava() throws SQLException {
    String sql = "SELECT " + Hold.holdsSql("d", "?::timestamptz", "?::timestamptz", "?::timestamptz", "?")
        + " FROM (SELECT ?::text AS status, ?::timestamptz AS release_expires_at, ?::timestamptz AS window_from,"
        + " ?::timestamptz AS window_to, ?::text[] AS locations) d";
    Random random = new Random(15);
    Disclosure.Status[] stored = {Disclosure.Status.PENDING, Disclosure.Status.APPROVED, Disclosure.Status.DENIED,
        Disclosure.Status.REFUSED};
    try (PreparedStatement statement = conn.prepareStatement(sql)) {
      for (int i = 0; i < 400; i++) {
        Disclosure.Status status = stored[random.nextInt(stored.length)];
        Instant expires = NOW.plusSeconds(random.nextInt(3) - 1);
        List<String> locations = LOCATIONS.subList(0, random.nextInt(3));
        Disclosure d = DisclosureTest.disclosure(status, Optional.of(expires), locations);
        // slot boundaries on, just before and just after the window's ends
        Instant from = d.from().plusSeconds(900L * (random.nextInt(5) - 2))
            .plus(Duration.ofDays(random.nextBoolean() ? 0 : 7));
        Instant until = from.plusSeconds(900L * random.nextInt(3));
        String location = random.nextBoolean() ? "main" : "branch";
        statement.setTimestamp(1, Timestamp.from(NOW));
        statement.setTimestamp(2, Timestamp.from(from));
        statement.setTimestamp(3, Timestamp.from(until));
        statement.setString(4, location);
        statement.setString(5, status.code());
        statement.setTimestamp(6, Timestamp.from(expires));
        statement.setTimestamp(7, Timestamp.from(d.from()));
        statement.setTimestamp(8, Timestamp.from(d.to()));
        statement.setArray(9, conn.createArrayOf("text", locations.toArray()));
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          assertThat(rows.getBoolean(1)).as("case %d: %s until %s, %s-%s at %s of %s", i, status, expires, from,
              until, location, locations).isEqualTo(Hold.holds(d, NOW, from, until, location));
        }
      }
    }
  }

  @Test
  void overAgreesWithJava() throws SQLException {
    // in the SQL text: now, then the due date, then the days
    String sql = "SELECT " + Hold.overSql("?::timestamptz", "?", "?::timestamptz");
    try (PreparedStatement statement = conn.prepareStatement(sql)) {
      for (long offset : new long[] {-86_400_001, -86_400_000, -1, 0, 1, 86_400_000}) {
        for (int days : new int[] {0, 1, 30}) {
          Instant due = NOW.minus(Duration.ofDays(days)).plusMillis(offset);
          statement.setTimestamp(1, Timestamp.from(NOW));
          statement.setTimestamp(2, Timestamp.from(due));
          statement.setInt(3, days);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            assertThat(rows.getBoolean(1)).as("due %s, %d days", due, days).isEqualTo(Hold.over(due, days, NOW));
          }
        }
      }
    }
  }

  @Test
  void statusAgreesWithJava() throws SQLException {
    String sql = "SELECT " + Disclosure.statusSql("", "?::timestamptz")
        + " FROM (SELECT ?::text AS status, ?::timestamptz AS release_expires_at) d";
    try (PreparedStatement statement = conn.prepareStatement(sql)) {
      for (Disclosure.Status status : List.of(Disclosure.Status.PENDING, Disclosure.Status.APPROVED,
          Disclosure.Status.DENIED, Disclosure.Status.REFUSED)) {
        for (long offset : new long[] {-1, 0, 1}) {
          Instant expires = NOW.plusMillis(offset);
          statement.setTimestamp(1, Timestamp.from(NOW));
          statement.setString(2, status.code());
          statement.setTimestamp(3, Timestamp.from(expires));
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(DisclosureTest.disclosure(status, Optional.of(expires),
                List.of()).status(NOW).code());
          }
        }
      }
    }
  }
}
