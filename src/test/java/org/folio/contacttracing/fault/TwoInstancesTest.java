package org.folio.contacttracing.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.folio.contacttracing.support.Http;
import org.folio.contacttracing.support.Http.Reply;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two module instances behind Okapi, one database, one tenant: both take visits and both run the hourly purge
 * at the same time. No acknowledged entry is lost, every due entry is destroyed exactly once, and no entry
 * whose {@code destroyAfter} lies in the future is ever destroyed.
 */
class TwoInstancesTest {
  private static final String TENANT = "twoinstances";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static final Instant SEEDED_AT = Instant.parse("2026-05-01T10:00:00Z");
  /** Two days later: what was seeded is due, what is written now is kept until 2026-05-05. */
  private static final Instant NOW = Instant.parse("2026-05-03T10:00:00Z");
  private static final int SEEDED = 30;
  private static final int WRITERS_PER_INSTANCE = 3;
  private static final int ENTRIES_PER_WRITER = 40;
  private static ModuleUnderTest first;
  private static ModuleUnderTest second;

  @BeforeAll
  static void start() {
    first = ModuleUnderTest.start(SEEDED_AT);
    second = ModuleUnderTest.start(SEEDED_AT);
    first.install(TENANT);
  }

  @AfterAll
  static void stop() {
    first.purge(TENANT);
    first.close();
    second.close();
  }

  @Test
  void concurrentWritesAndPurgesOnTwoInstancesLoseNothingAndDestroyNothingEarly() throws Exception {
    first.as(TENANT, STAFF).body(Mandates.mandate("2026-05-01", List.of("name"), 1).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    for (int i = 0; i < SEEDED; i++) {
      (i % 2 == 0 ? first : second).as(TENANT, STAFF).body("{\"location\":\"hall\",\"name\":\"Seeded " + i + "\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(201);
    }
    first.clock().set(NOW);
    second.clock().set(NOW);

    List<Http> instances = List.of(new Http(first.port(), TENANT, STAFF, Duration.ofSeconds(60)),
        new Http(second.port(), TENANT, STAFF, Duration.ofSeconds(60)));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<Reply> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger destroyed = new AtomicInteger();
    AtomicInteger purges = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_INSTANCE + 2);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (Http http : instances) {
      for (int w = 0; w < WRITERS_PER_INSTANCE; w++) {
        writers.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < ENTRIES_PER_WRITER; i++) {
            Reply reply = http.post("/contact-tracing/contact-logs", "{\"location\":\"hall\",\"name\":\"Now\"}");
            if (reply.status() == 201) {
              JsonObject body = new JsonObject(reply.body());
              assertThat(body.getString("destroyAfter")).isEqualTo("2026-05-05T00:00:00.000Z");
              acknowledged.add(body.getString("id"));
            } else {
              failures.add(reply);
            }
          }
        }, pool));
      }
    }
    List<CompletableFuture<Void>> purgers = new ArrayList<>();
    for (Http http : instances) {
      purgers.add(CompletableFuture.runAsync(() -> {
        while (writing.get() || purges.get() < 4) {
          Reply reply = http.post("/contact-tracing/retention/purge", null);
          purges.incrementAndGet();
          if (reply.status() == 200) {
            destroyed.addAndGet(new JsonObject(reply.body()).getInteger("contactLogsDestroyed"));
          } else {
            failures.add(reply);
          }
        }
      }, pool));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
    writing.set(false);
    CompletableFuture.allOf(purgers.toArray(CompletableFuture[]::new)).get();
    pool.shutdown();

    assertThat(failures).isEmpty();
    assertThat(acknowledged).hasSize(2 * WRITERS_PER_INSTANCE * ENTRIES_PER_WRITER);
    // every due entry destroyed exactly once, across both instances
    assertThat(destroyed.get()).isEqualTo(SEEDED);
    // every acknowledged entry stored, none destroyed before its time, nothing else left
    Set<String> stored = new HashSet<>();
    try (Connection conn = TestPostgres.connect(); Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, destroy_after > '" + NOW + "'::timestamptz FROM " + SCHEMA
            + ".contact_log")) {
      while (rs.next()) {
        stored.add(rs.getString(1));
        assertThat(rs.getBoolean(2)).isTrue();
      }
    }
    assertThat(stored).isEqualTo(acknowledged);
    first.as(TENANT, STAFF).get("/contact-tracing/contact-logs?limit=1").then().statusCode(200)
        .body("totalRecords", org.hamcrest.Matchers.equalTo(acknowledged.size()));
    System.out.printf("TwoInstancesTest: %d entries written, %d stored, %d due destroyed by %d purge calls%n",
        acknowledged.size(), stored.size(), destroyed.get(), purges.get());
  }
}
