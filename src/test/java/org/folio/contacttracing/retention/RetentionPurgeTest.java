package org.folio.contacttracing.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hourly timer call destroys what is due, exactly as Okapi sends it. */
class RetentionPurgeTest {
  private static final String TENANT = "retention";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:00:00Z"));
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  /** Exactly what Okapi's timer sends: JSON content type, empty body, no user, no token. */
  private Response timerCall() {
    return module.bare().header("X-Okapi-Tenant", TENANT).header("X-Okapi-Request-Id", "1/timer")
        .header("Content-Type", "application/json; charset=UTF-8").header("Accept", "*/*")
        .post("/contact-tracing/retention/purge");
  }

  @Test
  void entriesAndDeclinesGoAtDestroyAfterAndNotBefore() throws Exception {
    module.clock().set(Instant.parse("2026-03-02T10:00:00Z"));
    String mandate = module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 2).put("effectiveUntil", "2026-03-03").encode())
        .post("/contact-tracing/mandates").then().statusCode(201).extract().path("id");
    module.as(TENANT, STAFF).body("{\"location\":\"desk\",\"name\":\"Due Soon\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201).body("destroyAfter",
            equalTo("2026-03-05T00:00:00.000Z"));
    module.as(TENANT, STAFF).body("{\"location\":\"desk\"}").post("/contact-tracing/declines").then().statusCode(201);
    module.clock().set(Instant.parse("2026-03-03T10:00:00Z"));
    module.as(TENANT, STAFF).body("{\"location\":\"desk\",\"name\":\"Kept Longer\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201);

    module.clock().set(Instant.parse("2026-03-04T23:59:59Z"));
    timerCall().then().statusCode(200).body("contactLogsDestroyed", equalTo(0));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log")).isEqualTo(2);

    module.clock().set(Instant.parse("2026-03-05T00:00:00Z"));
    timerCall().then().statusCode(200).body("contactLogsDestroyed", equalTo(1))
        .body("declineCountsDestroyed", equalTo(1));
    module.as(TENANT, STAFF).get("/contact-tracing/contact-logs").then().body("totalRecords", equalTo(1))
        .body("contactLogs[0].name", equalTo("Kept Longer"));
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".decline_count")).isZero();
    // idempotent
    timerCall().then().statusCode(200).body("contactLogsDestroyed", equalTo(0));

    // once the mandate has ended and all its entries are destroyed, it can be deleted
    module.as(TENANT, STAFF).delete("/contact-tracing/mandates/" + mandate).then().statusCode(409);
    module.clock().advance(Duration.ofDays(2));
    timerCall().then().statusCode(200).body("contactLogsDestroyed", equalTo(1));
    module.as(TENANT, STAFF).delete("/contact-tracing/mandates/" + mandate).then().statusCode(204);
  }

  @Test
  void tenConcurrentCallsDestroyEachEntryOnceAndNoneFails() throws Exception {
    module.clock().set(Instant.parse("2026-06-01T10:00:00Z"));
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-06-01", List.of("phone"), 1, "annex").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    for (int i = 0; i < 25; i++) {
      module.as(TENANT, STAFF).body("{\"location\":\"annex\",\"phone\":\"" + i + "\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(201);
    }
    module.clock().set(Instant.parse("2026-06-03T00:00:00Z"));
    List<CompletableFuture<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(CompletableFuture.supplyAsync(this::timerCall));
    }
    int destroyed = 0;
    for (CompletableFuture<Response> call : calls) {
      Response response = call.get();
      assertThat(response.statusCode()).isEqualTo(200);
      destroyed += response.jsonPath().getInt("contactLogsDestroyed");
    }
    assertThat(destroyed).isEqualTo(25);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".contact_log WHERE location = 'annex'")).isZero();
  }

  @Test
  void purgeOfATenantWithNoDataSucceeds() {
    String empty = "retentionempty";
    module.install(empty);
    try {
      module.bare().header("X-Okapi-Tenant", empty).header("Content-Type", "application/json")
          .post("/contact-tracing/retention/purge").then().statusCode(200)
          .body("contactLogsDestroyed", equalTo(0)).body("declineCountsDestroyed", equalTo(0));
    } finally {
      module.purge(empty);
    }
  }
}
