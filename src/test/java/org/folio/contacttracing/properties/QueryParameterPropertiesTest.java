package org.folio.contacttracing.properties;

import static org.folio.contacttracing.support.SafeAnswers.assertSafe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.folio.contacttracing.support.HostileJson;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.RawHttp;
import org.folio.contacttracing.support.StoredState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and hostile query parameters for every GET collection endpoint, sent on a raw socket so that even
 * malformed percent-encoding reaches the module: never a 5xx; a refusal changes nothing and echoes nothing.
 */
class QueryParameterPropertiesTest {
  private static final String TENANT = "props_queries";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final UUID STAFF = UUID.randomUUID();
  private static ModuleUnderTest module;

  private enum Kind { LOCATION, TIMESTAMP, DATE, INT, STATUS, PAPER_LOG_STATUS, RECIPIENT_TYPE, ACTION, UUID }

  @BeforeContainer
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:07:00Z"));
    module.install(TENANT);
    module.as(TENANT, STAFF).body(Mandates.mandate("2026-03-01", List.of("name"), 21, "main-desk").encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
    module.as(TENANT, STAFF).body("{\"location\":\"main-desk\",\"name\":\"Ada Lovelace\"}")
        .post("/contact-tracing/contact-logs").then().statusCode(201);
    module.as(TENANT, STAFF).body("{\"location\":\"main-desk\"}").post("/contact-tracing/declines")
        .then().statusCode(201);
  }

  @AfterContainer
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  private static void getAndCheck(String path, List<String> query, String accept) {
    String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
    Map<String, String> before = StoredState.of(SCHEMA);
    RawHttp.Answer answer = RawHttp.send(module.port(), "GET " + target + " HTTP/1.1",
        "X-Okapi-Tenant: " + TENANT, "X-Okapi-User-Id: " + STAFF, "Accept: " + accept);
    String contentType = answer.header("Content-Type");
    assertSafe(answer.status(), contentType == null ? "" : contentType, answer.body(), "GET " + target, before,
        () -> StoredState.of(SCHEMA));
  }

  @Property(tries = 80)
  void contactLogs(@ForAll("contactLogQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/contact-logs", query, accept);
  }

  @Provide
  Arbitrary<List<String>> contactLogQueries() {
    return query(Map.of("location", Kind.LOCATION, "from", Kind.TIMESTAMP, "to", Kind.TIMESTAMP,
        "offset", Kind.INT, "limit", Kind.INT));
  }

  @Property(tries = 60)
  void mandates(@ForAll("mandateQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/mandates", query, accept);
  }

  @Provide
  Arbitrary<List<String>> mandateQueries() {
    return query(Map.of("location", Kind.LOCATION, "offset", Kind.INT, "limit", Kind.INT));
  }

  @Property(tries = 80)
  void visitCounts(@ForAll("visitCountQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/visit-counts", query, accept);
  }

  @Provide
  Arbitrary<List<String>> visitCountQueries() {
    return query(Map.of("from", Kind.DATE, "to", Kind.DATE, "location", Kind.LOCATION));
  }

  @Property(tries = 60)
  void disclosures(@ForAll("disclosureQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/disclosures", query, accept);
  }

  @Provide
  Arbitrary<List<String>> disclosureQueries() {
    return query(Map.of("status", Kind.STATUS, "recipientType", Kind.RECIPIENT_TYPE, "offset", Kind.INT,
        "limit", Kind.INT));
  }

  @Property(tries = 60)
  void paperLogs(@ForAll("paperLogQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/paper-logs", query, accept);
  }

  @Provide
  Arbitrary<List<String>> paperLogQueries() {
    // disclosure statuses are no paper log statuses: 400, like any other malformed value
    return query(Map.of("status", Kind.PAPER_LOG_STATUS, "location", Kind.LOCATION, "offset", Kind.INT,
        "limit", Kind.INT));
  }

  @Property(tries = 80)
  void auditEvents(@ForAll("auditQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/audit-events", query, accept);
  }

  @Provide
  Arbitrary<List<String>> auditQueries() {
    return query(Map.of("action", Kind.ACTION, "from", Kind.TIMESTAMP, "to", Kind.TIMESTAMP, "userId", Kind.UUID,
        "offset", Kind.INT, "limit", Kind.INT));
  }

  @Property(tries = 60)
  void transparencyReport(@ForAll("reportQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/transparency-report", query, accept);
  }

  @Provide
  Arbitrary<List<String>> reportQueries() {
    return query(Map.of("from", Kind.DATE, "to", Kind.DATE));
  }

  @Property(tries = 60)
  void notice(@ForAll("noticeQueries") List<String> query, @ForAll("accepts") String accept) {
    getAndCheck("/contact-tracing/notice", query, accept);
  }

  @Provide
  Arbitrary<List<String>> noticeQueries() {
    return query(Map.of("location", Kind.LOCATION));
  }

  @Property(tries = 30)
  void tenantJob(@ForAll("jobQueries") List<String> query) {
    getAndCheck("/_/tenant/" + UUID.randomUUID(), query, "application/json");
  }

  @Provide
  Arbitrary<List<String>> jobQueries() {
    return query(Map.of("wait", Kind.INT));
  }

  @Provide
  Arbitrary<String> accepts() {
    return Arbitraries.of("application/json", "text/html", "text/csv", "*/*", "text/html;q=0.1, application/json",
        "garbage/", "application/xml", "");
  }

  /**
   * A query string as its {@code name=value} pieces: each known parameter absent, well-formed, or hostile,
   * sometimes repeated; unknown parameters; and pieces whose percent-encoding is malformed.
   */
  private static Arbitrary<List<String>> query(Map<String, Kind> parameters) {
    List<Arbitrary<List<String>>> pieces = new ArrayList<>();
    parameters.forEach((name, kind) -> pieces.add(Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(List.<String>of())),
        Tuple.of(3, wellFormed(kind).map(v -> List.of(piece(name, v)))),
        Tuple.of(3, hostile().map(v -> List.of(piece(name, v)))),
        Tuple.of(1, Combinators.combine(wellFormed(kind), hostile()).as((a, b) -> List.of(piece(name, a),
            piece(name, b)))),
        Tuple.of(1, malformed().map(raw -> List.of(name + "=" + raw))))));
    pieces.add(Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(List.<String>of())),
        Tuple.of(1, Combinators.combine(HostileJson.extraKey(), hostile()).as((k, v) -> List.of(piece(k, v)))),
        Tuple.of(1, malformed().map(List::of))));
    return Combinators.combine(pieces).as(lists -> lists.stream().flatMap(List::stream).toList());
  }

  private static String piece(String name, String value) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Arbitrary<String> wellFormed(Kind kind) {
    return switch (kind) {
      case LOCATION -> Arbitraries.of("main-desk", "annex", "a", "x".repeat(64), "A.b_c-9");
      case TIMESTAMP -> Arbitraries.of("2026-03-01T00:00:00Z", "2026-03-02T10:00:00+01:00",
          "2026-03-02T10:00:00.123456789-12:00", "2026-03-03T00:00:00+14:00", "-999999999-01-01T00:00:00+18:00",
          "+999999999-12-31T23:59:59.999999999-18:00", "1970-01-01T00:00:00Z");
      case DATE -> Arbitraries.of("2026-03-01", "2026-03-02", "2026-03-31", "2025-03-02", "0001-01-01",
          "9999-12-31", "+999999999-12-31", "-999999999-01-01", "2024-02-29");
      case INT -> Arbitraries.oneOf(Arbitraries.of("0", "1", "10", "1000", "1001", "-1", "2147483647",
          "2147483648", "600000", "007", "+5"), Arbitraries.integers().map(String::valueOf));
      case STATUS -> Arbitraries.of("pending", "approved", "denied", "refused", "expired", "PENDING");
      case PAPER_LOG_STATUS -> Arbitraries.of("kept", "due", "shredded", "DUE", "pending", "overdue");
      case RECIPIENT_TYPE -> Arbitraries.of("public-health-agency", "law-enforcement", "other");
      case ACTION -> Arbitraries.of("contact-log.read", "contact-log.create", "mandate.create", "purge");
      case UUID -> Arbitraries.of(java.util.UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000",
          STAFF.toString(), STAFF.toString().toUpperCase());
    };
  }

  private static Arbitrary<String> hostile() {
    return Arbitraries.oneOf(HostileJson.hostileString(), HostileJson.hostileNumber(), HostileJson.hostileTemporal(),
        Arbitraries.of("2026-02-30", "2026-13-01", "2026-03-02T25:00:00Z", "2026-03-02T10:00:00",
            "2026-03-02T10:00:00+25:00", "2026-03-02 10:00:00Z", "now", "1e3", "0x10", "true", "[]", "{}",
            "location", "' OR '1'='1", "1; SELECT pg_sleep(5)"));
  }

  /** Pieces a client library would not send: broken percent-encoding, encoded NUL and CR LF, lone separators. */
  private static Arbitrary<String> malformed() {
    return Arbitraries.of("%", "%zz", "%00", "%E0%A4%A", "%ff%fe", "%0d%0aX-Injected:%201", "%2B", "+", "&&",
        "=", "a=b=c", "%u0041", "%C0%AE%C0%AE", "%ED%A0%80", ";", "..%2F..%2F");
  }
}
