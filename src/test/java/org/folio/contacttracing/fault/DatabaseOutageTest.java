package org.folio.contacttracing.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.platform.crypto.SecretDirectory;
import org.folio.contacttracing.platform.db.EmbeddedPostgres;
import org.folio.contacttracing.support.Http;
import org.folio.contacttracing.support.Http.Reply;
import org.folio.contacttracing.support.LogCapture;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL goes away under load and comes back. Runs against its own embedded server, never the shared one,
 * with a short {@code DB_QUERYTIMEOUT}: requests in flight and requests during the outage answer 5xx quickly,
 * and once the server is back on the same port and data directory the same module instance serves again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {
  private static final String TENANT = "outage";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final int QUERY_TIMEOUT_MS = 3_000;
  /** The pool's connection timeout; no request may take longer than this plus the query timeout. */
  private static final long BOUND_MS = 10_000 + QUERY_TIMEOUT_MS;
  private static final Map<String, String> SERVER = Map.of("fsync", "off", "synchronous_commit", "off");
  private static final UUID STAFF = UUID.randomUUID();

  private static Path dataDirectory;
  private static EmbeddedPostgres postgres;
  private static DatabaseSettings settings;
  private static ModuleUnderTest module;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    dataDirectory = Files.createTempDirectory("ct-outage-pg");
    // not cleaned: the data directory must survive a stop, as a real server's does
    postgres = EmbeddedPostgres.start(dataDirectory, false, SERVER, Map.of());
    DatabaseSettings local = postgres.settings();
    settings = new DatabaseSettings(local.host(), local.port(), local.username(), local.password(), local.database(),
        4, QUERY_TIMEOUT_MS, 60_000, Optional.empty());
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:00:00Z"), ModuleUnderTest.KEYS, settings);
    module.install(TENANT);
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 7).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    http = new Http(module.port(), TENANT, STAFF, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws Exception {
    if (module != null) {
      module.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    deleteRecursively(dataDirectory);
    if (dataDirectory != null) {
      deleteRecursively(SecretDirectory.beside(dataDirectory).path());
    }
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
  }

  private static Reply entry(String name) {
    return http.post("/contact-tracing/contact-logs", "{\"location\":\"desk\",\"name\":\"" + name + "\"}");
  }

  @Test
  @Order(1)
  void aStatementStuckOnALockEndsAtTheQueryTimeout() throws Exception {
    try (Connection blocker = connect(); Statement st = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      st.execute("LOCK TABLE " + SCHEMA + ".settings IN ACCESS EXCLUSIVE MODE");
      Reply stuck = http.get("/contact-tracing/settings");
      assertThat(stuck.status()).isEqualTo(500);
      assertThat(stuck.millis()).isBetween((long) QUERY_TIMEOUT_MS - 500, (long) QUERY_TIMEOUT_MS + 3_000);
      assertThat(stuck.body()).isEqualTo("Internal server error");
      blocker.rollback();
    }
    assertThat(http.get("/contact-tracing/settings").status()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void requestsInFlightAndDuringTheOutageFailFastAndTheModuleRecoversByItself() throws Exception {
    assertThat(entry("Before Outage").status()).isEqualTo(201);
    int port = settings.port();
    LogCapture logs = LogCapture.capture();

    // requests in flight: the pool's connections are busy in PostgreSQL, more wait in the pool's queue
    List<CompletableFuture<Reply>> inFlight = new ArrayList<>();
    Connection blocker = connect();
    blocker.setAutoCommit(false);
    blocker.createStatement().execute("LOCK TABLE " + SCHEMA + ".settings IN ACCESS EXCLUSIVE MODE");
    for (int i = 0; i < 8; i++) {
      inFlight.add(http.send("GET", "/contact-tracing/settings", null));
      inFlight.add(http.send("POST", "/contact-tracing/contact-logs", "{\"location\":\"desk\",\"name\":\"In Flight\"}"));
    }
    Thread.sleep(300);
    long stopping = System.nanoTime();
    postgres.close();
    long stopMs = (System.nanoTime() - stopping) / 1_000_000L;
    try {
      blocker.close();
    } catch (Exception expected) {
      // the server is gone
    }
    // a request may still slip through while the backends are being stopped; none may hang or answer oddly
    int acknowledged = 0;
    int failed = 0;
    for (CompletableFuture<Reply> call : inFlight) {
      Reply reply = call.join();
      assertThat(reply.status()).as("in flight: %s", reply).isIn(200, 201, 500, 503);
      acknowledged += reply.status() == 201 ? 1 : 0;
      failed += reply.status() >= 500 ? 1 : 0;
      assertThat(reply.millis()).as("in flight: %s", reply).isLessThan(BOUND_MS);
      assertThat(reply.body()).doesNotContain("In Flight");
    }
    assertThat(failed).as("requests cut off by the stop").isPositive();

    // requests while the server is down: refused connections answer at once, the module stays up
    for (int i = 0; i < 10; i++) {
      Reply down = i % 2 == 0 ? http.get("/contact-tracing/contact-logs") : entry("During Outage");
      assertThat(down.status()).as("down: %s", down).isBetween(500, 599);
      assertThat(down.millis()).as("down: %s", down).isLessThan(3_000);
      assertThat(down.body()).isEqualTo("Internal server error");
    }
    assertThat(module.bare().get("/admin/health").statusCode()).isEqualTo(200);
    logs.close();
    // every fault went through the module's failure handler, none escaped it
    assertThat(logs.lines()).noneMatch(line -> line.contains("Unhandled exception"))
        .noneMatch(line -> line.contains("Outage") || line.contains("In Flight"))
        .anyMatch(line -> line.contains("FailureHandler") && line.contains("ConnectException"));

    // the server comes back on the same port with the same data; the same module instance serves again
    postgres = EmbeddedPostgres.start(dataDirectory, false, SERVER, Map.of(), port);
    assertThat(postgres.settings().port()).isEqualTo(port);
    long back = System.nanoTime();
    Reply first = entry("After Outage");
    while (!first.ok() && System.nanoTime() - back < 15_000_000_000L) {
      Thread.sleep(200);
      first = entry("After Outage");
    }
    long recoveryMs = (System.nanoTime() - back) / 1_000_000L;
    assertThat(first.status()).as("first request after restart: %s", first).isEqualTo(201);
    for (int i = 0; i < 20; i++) {
      assertThat(entry("After Outage " + i).status()).isEqualTo(201);
      assertThat(http.get("/contact-tracing/contact-logs?limit=1").status()).isEqualTo(200);
    }
    try (Connection conn = connect(); Statement st = conn.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM " + SCHEMA + ".contact_log")) {
      rs.next();
      // what was acknowledged survived the outage; nothing refused during it was stored
      assertThat(rs.getLong(1)).isEqualTo(1 + acknowledged + 1 + 20);
    }
    System.out.printf("DatabaseOutageTest: %d of %d in flight cut off, server stop took %d ms,"
        + " recovery after restart %d ms%n", failed, inFlight.size(), stopMs, recoveryMs);
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
