package org.folio.contacttracing.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.folio.contacttracing.support.LogCapture;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A whole day at the desk through HTTP, with every log line captured at every level. */
class DayAtTheDeskTest {
  private static final String TENANT = "deskday";
  private static final UUID OFFICER = UUID.randomUUID();
  private static final UUID DESK = UUID.randomUUID();
  private static final List<String> NAMES = List.of("Zelda Quintessa-Marker", "Oswin Pemberton-Marker",
      "Ilse Vandermolen-Marker");
  private static final List<String> PHONES = List.of("+44 7700 900123", "+44 7700 900456", "+44 7700 900789");
  private static final List<String> EMAILS = List.of("zelda.marker@example.org", "oswin.marker@example.org",
      "ilse.marker@example.org");
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-04-14T07:30:00Z"));
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @Test
  void aDayAtTheDeskLeavesNoVisitorDataInTheLogs() {
    try (LogCapture logs = LogCapture.capture()) {
      module.as(TENANT, OFFICER).body("{\"timeZone\":\"Europe/London\",\"timeGranularityMinutes\":30}")
          .put("/contact-tracing/settings").then().statusCode(204);
      module.as(TENANT, OFFICER)
          .body(Mandates.mandate("2026-04-14", List.of("name", "phone", "email"), 21, "front").encode())
          .post("/contact-tracing/mandates").then().statusCode(201);

      module.as(TENANT, DESK).accept("text/html").get("/contact-tracing/notice?location=front").then()
          .statusCode(200).body(containsString("County Health Department"));

      for (int i = 0; i < NAMES.size(); i++) {
        module.clock().advance(Duration.ofMinutes(40));
        module.as(TENANT, DESK).body("{\"location\":\"front\",\"name\":\"" + NAMES.get(i) + "\",\"phone\":\""
            + PHONES.get(i) + "\",\"email\":\"" + EMAILS.get(i) + "\"}")
            .post("/contact-tracing/contact-logs").then().statusCode(201);
        module.as(TENANT, DESK).body("{\"location\":\"front\"}").post("/contact-tracing/declines")
            .then().statusCode(201);
      }
      // mistakes at the desk: refused without the value coming back or into the logs
      module.as(TENANT, DESK).body("{\"location\":\"front\",\"name\":\"" + NAMES.get(0) + "\",\"phone\":\""
          + PHONES.get(0) + "\",\"email\":\"" + EMAILS.get(0) + "\",\"patronBarcode\":\"" + NAMES.get(1) + "\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(422);
      module.as(TENANT, DESK).body("{\"location\":\"front\",\"name\":\"" + NAMES.get(2) + "\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(422);
      module.as(TENANT, DESK).body("{\"location\":\"front\",\"name\":\"" + NAMES.get(2))
          .post("/contact-tracing/contact-logs").then().statusCode(400);

      module.as(TENANT, OFFICER).get("/contact-tracing/contact-logs?location=front").then().statusCode(200)
          .body("totalRecords", equalTo(3));
      module.as(TENANT, OFFICER).get("/contact-tracing/visit-counts?from=2026-04-14&to=2026-04-14").then()
          .statusCode(200)
          .body("visitCounts[0].logged", equalTo(3))
          .body("visitCounts[0].declined", equalTo(3));

      List<String> lines = logs.lines();
      assertThat(lines).isNotEmpty();
      for (String secret : concat(NAMES, PHONES, EMAILS)) {
        assertThat(lines).as(secret).noneMatch(line -> line.contains(secret));
      }
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
