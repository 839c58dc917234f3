package org.folio.contacttracing.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.folio.contacttracing.support.LogCapture;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole API surface, driven with marker names, phones and emails that occur nowhere else, with every log
 * line captured at every level. None of the markers may appear in a log line, an error body, an audit event, a
 * stored disclosure, or a file the module writes outside the database.
 */
class NoLeakTest {
  private static final String TENANT = "noleak";
  private static final UUID OFFICER = UUID.randomUUID();
  private static final UUID DECIDER = UUID.randomUUID();
  private static final UUID DESK = UUID.randomUUID();
  private static final String TAG = tag();
  private static final List<String> NAMES = List.of("Zed" + TAG + " Alpha", "Yve" + TAG + " Beta",
      "Xan" + TAG + " Gamma", "Wil" + TAG + " Corrected");
  private static final List<String> PHONES = List.of(digits(), digits(), digits(), digits());
  private static final List<String> EMAILS = List.of("a" + TAG.toLowerCase() + "@example.org",
      "b" + TAG.toLowerCase() + "@example.org", "c" + TAG.toLowerCase() + "@example.org",
      "d" + TAG.toLowerCase() + "@example.org");
  private static ModuleUnderTest module;

  private final List<String> errorBodies = new ArrayList<>();

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-04-14T10:00:00Z"));
    module.install(TENANT);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private static String tag() {
    SecureRandom random = new SecureRandom();
    StringBuilder tag = new StringBuilder("Qk");
    for (int i = 0; i < 10; i++) {
      tag.append((char) ('a' + random.nextInt(26)));
    }
    return tag.toString();
  }

  private static String digits() {
    SecureRandom random = new SecureRandom();
    StringBuilder phone = new StringBuilder("+1 555 ");
    for (int i = 0; i < 8; i++) {
      phone.append(random.nextInt(10));
    }
    return phone.toString();
  }

  private static List<String> markers() {
    List<String> all = new ArrayList<>(NAMES);
    all.addAll(PHONES);
    all.addAll(EMAILS);
    all.add(TAG);
    // the digits of a phone on their own, in case a number were reformatted
    PHONES.forEach(phone -> all.add(phone.substring(phone.length() - 8)));
    return all;
  }

  private RequestSpecification as(UUID user) {
    return module.as(TENANT, user);
  }

  /** Runs the call; the body of any answer that is not a success is kept for the check. */
  private Response call(Response response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(expectedStatus);
    if (expectedStatus >= 400) {
      errorBodies.add(response.asString());
    }
    return response;
  }

  /** A call that must be refused with some 4xx; its body is kept for the check. */
  private void refused(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
    errorBodies.add(response.asString());
  }

  private static JsonObject visit(int i) {
    return new JsonObject().put("location", "front").put("name", NAMES.get(i)).put("phone", PHONES.get(i))
        .put("email", EMAILS.get(i));
  }

  @Test
  void noMarkerLeavesTheModuleOutsideTheEndpointsThatReleaseIt() throws Exception {
    Path workingDirectory = Path.of("").toAbsolutePath();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    FileTime started = FileTime.from(Instant.now().minusSeconds(1));
    String audit;
    String disclosures;
    List<String> lines;
    try (LogCapture logs = LogCapture.capture()) {
      // configuration
      call(as(OFFICER).body("{\"timeZone\":\"Europe/London\",\"timeGranularityMinutes\":15}")
          .put("/contact-tracing/settings"), 204);
      call(as(OFFICER).get("/contact-tracing/settings"), 200);
      JsonObject mandate = Mandates.mandate("2026-04-01", List.of("name", "phone", "email"), 1, "front");
      String mandateId = call(as(OFFICER).body(mandate.encode()).post("/contact-tracing/mandates"), 201)
          .path("id");
      call(as(OFFICER).body(mandate.put("reviewBy", "2026-11-30").encode())
          .put("/contact-tracing/mandates/" + mandateId), 204);
      call(as(OFFICER).get("/contact-tracing/mandates"), 200);
      call(as(OFFICER).get("/contact-tracing/mandates/" + mandateId), 200);
      String spare = call(as(OFFICER).body(Mandates.mandate("2026-04-01", List.of("name"), 1, "annex").encode())
          .post("/contact-tracing/mandates"), 201).path("id");
      call(as(OFFICER).delete("/contact-tracing/mandates/" + spare), 204);
      call(as(DESK).get("/contact-tracing/notice?location=front"), 200);
      call(as(DESK).accept("text/html").get("/contact-tracing/notice?location=front"), 200);

      // the desk
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(call(as(DESK).body(visit(i).encode()).post("/contact-tracing/contact-logs"), 201).path("id"));
        call(as(DESK).body("{\"location\":\"front\"}").post("/contact-tracing/declines"), 201);
      }
      // mistakes at the desk, each carrying a marker where it does not belong
      call(as(DESK).body(visit(0).put("patronBarcode", NAMES.get(1)).encode()).post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(0).put("partySize", 2).encode()).post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(0).put("notes", EMAILS.get(2)).encode()).post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(new JsonObject().put("location", "front").put("name", NAMES.get(2)).encode())
          .post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(1).put("location", "annex").encode()).post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(1).put("location", NAMES.get(1)).encode()).post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(1).put("visitedAt", "2027-01-01T00:00:00Z").encode())
          .post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(1).put("visitedAt", PHONES.get(1)).encode()).post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(1).put("email", 42).encode()).post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body(visit(1).put("name", NAMES.get(1).repeat(20)).encode())
          .post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body("{\"location\":\"front\",\"name\":\"" + NAMES.get(2)).post("/contact-tracing/contact-logs"), 400);
      call(as(DESK).body("{\"location\":\"front\",\"name\":\"" + NAMES.get(2) + "\",\"name\":\"" + NAMES.get(1) + "\"}")
          .post("/contact-tracing/contact-logs"), 422);
      call(as(DESK).body("{\"location\":\"front\",\"name\":\"" + "x".repeat(70_000) + NAMES.get(1) + "\"}")
          .post("/contact-tracing/contact-logs"), 413);
      call(as(DESK).body(visit(0).encode()).put("/contact-tracing/contact-logs/" + UUID.randomUUID()), 404);
      refused(as(DESK).body(visit(0).encode()).put("/contact-tracing/contact-logs/" + NAMES.get(0).replace(' ', '-')));
      refused(as(DESK).get("/contact-tracing/contact-logs?location=" + NAMES.get(0)));
      refused(as(DESK).get("/contact-tracing/contact-logs?from=" + EMAILS.get(0)));
      refused(as(DESK).get("/contact-tracing/notice?location=" + PHONES.get(0)));
      refused(as(OFFICER).get("/contact-tracing/visit-counts?from=" + NAMES.get(1)));

      // the privacy officer
      call(as(OFFICER).get("/contact-tracing/contact-logs?location=front"), 200);
      call(as(OFFICER).get("/contact-tracing/contact-logs/" + ids.get(0)), 200);
      call(as(OFFICER).body(new JsonObject().put("location", "front").put("name", NAMES.get(3))
          .put("phone", PHONES.get(3)).put("email", EMAILS.get(3)).encode())
          .put("/contact-tracing/contact-logs/" + ids.get(1)), 204);
      call(as(OFFICER).body(visit(2).put("phone", 7).encode()).put("/contact-tracing/contact-logs/" + ids.get(1)), 422);
      call(as(OFFICER).delete("/contact-tracing/contact-logs/" + ids.get(2)), 204);
      call(as(OFFICER).get("/contact-tracing/contact-logs/" + ids.get(2)), 404);
      call(as(OFFICER).get("/contact-tracing/visit-counts?from=2026-04-14&to=2026-04-14"), 200);

      // a disclosure, from request to release as JSON and CSV, once the window has passed
      module.clock().advance(Duration.ofHours(2));
      JsonObject request = new JsonObject()
          .put("recipient", new JsonObject().put("type", "public-health-agency").put("name", "County Health"))
          .put("legalBasis", "Public Health Act s. 12").put("caseReference", "CASE-1")
          .put("from", "2026-04-14T09:00:00Z").put("to", "2026-04-14T12:00:00Z")
          .put("locations", new JsonArray().add("front"));
      String disclosure = call(as(OFFICER).body(request.encode()).post("/contact-tracing/disclosures"), 201).path("id");
      call(as(OFFICER).body(request.copy().put("caseReference", 5).encode()).post("/contact-tracing/disclosures"), 422);
      call(as(OFFICER).body("{\"decision\":\"approve\"}").post("/contact-tracing/disclosures/" + disclosure + "/decision"),
          422);
      call(as(DECIDER).body("{\"decision\":\"approve\",\"note\":\"order checked\"}")
          .post("/contact-tracing/disclosures/" + disclosure + "/decision"), 200);
      String json = call(as(DECIDER).post("/contact-tracing/disclosures/" + disclosure + "/releases"), 201).asString();
      assertThat(json).contains(NAMES.get(0), NAMES.get(3));
      String csv = call(as(DECIDER).accept("text/csv").post("/contact-tracing/disclosures/" + disclosure + "/releases"),
          201).asString();
      assertThat(csv).contains(EMAILS.get(0), PHONES.get(3));
      disclosures = call(as(OFFICER).get("/contact-tracing/disclosures/" + disclosure), 200).asString()
          + call(as(OFFICER).get("/contact-tracing/disclosures?limit=100"), 200).asString();

      // retention: everything is destroyed once its time and the disclosure's hold are over
      module.clock().advance(Duration.ofDays(30));
      call(module.tenant(TENANT).post("/contact-tracing/retention/purge"), 200);
      call(as(OFFICER).get("/contact-tracing/contact-logs"), 200);
      call(as(OFFICER).get("/contact-tracing/transparency-report?from=2026-04-01&to=2026-05-31"), 200);
      audit = call(as(OFFICER).get("/contact-tracing/audit-events?limit=1000"), 200).asString();
      lines = logs.lines();
    }

    assertThat(lines).isNotEmpty();
    assertThat(errorBodies).hasSizeGreaterThan(15);
    assertThat(audit).contains("retention.purge", "disclosure.release", "contact-log.update");
    for (String marker : markers()) {
      assertThat(lines).as("log lines: %s", marker).noneMatch(line -> line.contains(marker));
      assertThat(errorBodies).as("error bodies: %s", marker).noneMatch(body -> body.contains(marker));
      assertThat(audit).as("audit events").doesNotContain(marker);
      assertThat(disclosures).as("disclosure records").doesNotContain(marker);
    }
    List<Path> written = new ArrayList<>(newFiles(workingDirectory, started));
    written.addAll(newFiles(tmp, started));
    for (Path file : written) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String marker : markers()) {
        assertThat(content).as("%s holds %s", file, marker).doesNotContain(marker);
      }
    }
  }

  /** Regular files changed since {@code since}, outside PostgreSQL data directories and .git, up to 32 MiB each. */
  private static List<Path> newFiles(Path root, FileTime since) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
        boolean database = Files.exists(dir.resolve("PG_VERSION"));
        return database || dir.getFileName() != null && dir.getFileName().toString().equals(".git")
            ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && attrs.lastModifiedTime().compareTo(since) >= 0 && attrs.size() < 32L << 20
            && Files.isReadable(file)) {
          found.add(file);
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    return found;
  }
}
