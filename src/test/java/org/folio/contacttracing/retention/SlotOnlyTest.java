package org.folio.contacttracing.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.folio.contacttracing.support.ModuleUnderTest.count;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.folio.contacttracing.support.Mandates;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.folio.contacttracing.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the tenant schema ties an entry to a moment finer than its slot or to the staff member at the desk:
 * no audit event per entry, no row written in the entry's transaction, and, once the slot has ended and a purge
 * has run, neither the entries' order in their partition nor their transaction ids.
 */
class SlotOnlyTest {
  private static final String TENANT = "slot_only";
  private static final String SCHEMA = TENANT + "_mod_contact_tracing";
  private static final String PARTITION = SCHEMA + ".contact_log_20260302";
  private static final UUID DESK = UUID.randomUUID();
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start(Instant.parse("2026-03-02T10:00:00Z"));
    module.install(TENANT);
    module.as(TENANT, DESK).body(Mandates.mandate("2026-03-01", List.of("name"), 30).encode())
        .post("/contact-tracing/mandates").then().statusCode(201);
  }

  @AfterAll
  static void stop() {
    module.purge(TENANT);
    module.close();
  }

  @Test
  void aVisitIsTiedToNoMomentFinerThanItsSlotOnceTheSlotHasEndedAndAPurgeHasRun() throws Exception {
    // 30 visits in the slot 10:00-10:15, ten seconds apart, by one staff member at the desk
    List<String> recorded = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      module.clock().set(Instant.parse("2026-03-02T10:00:00Z").plusSeconds(10L * i));
      recorded.add(module.as(TENANT, DESK).body("{\"location\":\"desk\",\"name\":\"Visitor " + i + "\"}")
          .post("/contact-tracing/contact-logs").then().statusCode(201).extract().path("id"));
    }

    // nothing names the entry, its moment or the desk's staff member
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".audit_event WHERE action = 'contact-log.create'"
        + " OR target_id::text IN (SELECT id::text FROM " + SCHEMA + ".contact_log)"
        + " OR request_id IS NOT NULL AND action LIKE 'contact-log%'")).isZero();
    assertThat(rowsSharingATransactionWithAnEntry()).as("rows written in an entry's transaction").isEmpty();
    // the channel the purge closes: before it runs, order and transaction ids follow the desk
    assertThat(physicalOrder()).isEqualTo(recorded);
    assertThat(transactionIds()).hasSize(30);

    // the slot is still open: the purge leaves it uncounted
    module.clock().set(Instant.parse("2026-03-02T10:14:00Z"));
    timerCall().then().statusCode(200).body("contactLogsCounted", equalTo(0));
    assertThat(createEvents()).isZero();

    module.clock().set(Instant.parse("2026-03-02T10:20:00Z"));
    long fileBefore = count("SELECT pg_relation_filenode('" + PARTITION + "')");
    timerCall().then().statusCode(200).body("contactLogsCounted", equalTo(30));

    assertThat(transactionIds()).as("one transaction id for the whole slot").hasSize(1);
    List<String> order = physicalOrder();
    assertThat(order).containsExactlyInAnyOrderElementsOf(recorded).isNotEqualTo(recorded);
    assertThat(count("SELECT pg_relation_filenode('" + PARTITION + "')")).isNotEqualTo(fileBefore);
    assertThat(count("SELECT count(*) FROM " + SCHEMA + ".data_key WHERE NOT settled")).isZero();

    // recording stays accountable, as a count per location and slot that names no entry and no one
    Response events = module.as(TENANT, DESK).get("/contact-tracing/audit-events?action=contact-log.create");
    events.then().statusCode(200).body("totalRecords", equalTo(1))
        .body("auditEvents[0].recordCount", equalTo(30))
        .body("auditEvents[0].details.slots[0].location", equalTo("desk"))
        .body("auditEvents[0].details.slots[0].slotStart", equalTo("2026-03-02T10:00:00.000Z"))
        .body("auditEvents[0].details.slots[0].slotMinutes", equalTo(15))
        .body("auditEvents[0].details.slots[0].count", equalTo(30));
    assertThat(events.jsonPath().getString("auditEvents[0].userId")).isNull();
    assertThat(events.jsonPath().getString("auditEvents[0].targetId")).isNull();

    // counted once: a later run neither counts them again nor needs to rewrite the day
    module.clock().set(Instant.parse("2026-03-02T11:20:00Z"));
    timerCall().then().statusCode(200).body("contactLogsCounted", equalTo(0)).body("partitionsRewritten", equalTo(0));
    assertThat(createEvents()).isEqualTo(1);
    assertThat(physicalOrder()).isEqualTo(order);
  }

  private static Response timerCall() {
    return module.bare().header("X-Okapi-Tenant", TENANT).header("Content-Type", "application/json")
        .post("/contact-tracing/retention/purge");
  }

  private static long createEvents() throws SQLException {
    return count("SELECT count(*) FROM " + SCHEMA + ".audit_event WHERE action = 'contact-log.create'");
  }

  private static List<String> physicalOrder() throws SQLException {
    return strings("SELECT id::text FROM " + PARTITION + " ORDER BY ctid");
  }

  private static Set<String> transactionIds() throws SQLException {
    return new HashSet<>(strings("SELECT xmin::text FROM " + PARTITION));
  }

  /** Every row of every other table of the schema whose transaction also wrote an entry. */
  private static List<String> rowsSharingATransactionWithAnEntry() throws SQLException {
    List<String> shared = new ArrayList<>();
    for (String table : strings("SELECT tablename FROM pg_tables WHERE schemaname = '" + SCHEMA + "'"
        + " AND tablename NOT LIKE 'contact_log%'")) {
      shared.addAll(strings("SELECT '" + table + "' FROM " + SCHEMA + "." + table + " t WHERE t.xmin::text IN"
          + " (SELECT xmin::text FROM " + SCHEMA + ".contact_log)"));
    }
    return shared;
  }

  private static List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection conn = TestPostgres.connect(); ResultSet rs = conn.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

}
