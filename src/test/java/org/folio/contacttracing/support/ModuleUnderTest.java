package org.folio.contacttracing.support;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.folio.contacttracing.ContactTracingModule;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.platform.config.ModuleConfig;
import org.folio.contacttracing.platform.crypto.Aead;
import org.folio.contacttracing.platform.crypto.KeyEncryptionKeys;

/** The real module, started in-process against the shared test PostgreSQL, with a clock the test controls. */
public final class ModuleUnderTest implements AutoCloseable {
  public static final String MODULE_ID = "mod-contact-tracing-1.0.0";
  /** One KEK for the run, as one deployment would have. */
  public static final KeyEncryptionKeys KEYS = KeyEncryptionKeys.of(Aead.newKey().getEncoded());

  private final ContactTracingModule module;
  private final TestClock clock;

  private ModuleUnderTest(ContactTracingModule module, TestClock clock) {
    this.module = module;
    this.clock = clock;
  }

  public static ModuleUnderTest start() {
    return start(Instant.parse("2026-03-02T10:00:00Z"));
  }

  public static ModuleUnderTest start(Instant now) {
    return start(now, KEYS);
  }

  public static ModuleUnderTest start(Instant now, KeyEncryptionKeys keys) {
    return start(now, keys, TestPostgres.settings());
  }

  /** The module against another PostgreSQL than the shared one, for example a private server a test stops. */
  public static ModuleUnderTest start(Instant now, KeyEncryptionKeys keys, DatabaseSettings database) {
    TestClock clock = new TestClock(now);
    ModuleConfig config = new ModuleConfig(0, Optional.of(database), Path.of("unused"), clock,
        keys);
    try {
      ContactTracingModule module = ContactTracingModule.start(config)
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return new ModuleUnderTest(module, clock);
    } catch (Exception e) {
      throw new IllegalStateException("module did not start", e);
    }
  }

  public ContactTracingModule module() {
    return module;
  }

  public TestClock clock() {
    return clock;
  }

  public int port() {
    return module.port();
  }

  /** A request without any Okapi header. */
  public RequestSpecification bare() {
    return given(new RequestSpecBuilder().setBaseUri("http://localhost:" + port()).build());
  }

  /** A request as Okapi forwards it for a logged-in staff member. */
  public RequestSpecification as(String tenant, UUID userId) {
    return bare()
        .header("X-Okapi-Tenant", tenant)
        .header("X-Okapi-User-Id", userId.toString())
        .header("X-Okapi-Request-Id", "123456/contact-tracing")
        .contentType(ContentType.JSON);
  }

  public RequestSpecification tenant(String tenant) {
    return bare().header("X-Okapi-Tenant", tenant).contentType(ContentType.JSON);
  }

  /** Enables the module for a fresh tenant, as Okapi would, and waits for the job. */
  public void install(String tenant) {
    purge(tenant);
    runTenantJob(tenant, "{\"module_to\":\"" + MODULE_ID + "\",\"purge\":false}");
  }

  /** Posts tenant attributes that start a job, waits for it, and fails unless it succeeded. */
  public void runTenantJob(String tenant, String attributes) {
    Response started = tenant(tenant).body(attributes).post("/_/tenant");
    if (started.statusCode() != 201) {
      throw new IllegalStateException("install answered " + started.statusCode() + ": " + started.asString());
    }
    String id = started.jsonPath().getString("id");
    Response job = tenant(tenant).get("/_/tenant/" + id + "?wait=60000");
    if (!job.jsonPath().getBoolean("complete") || job.jsonPath().getString("error") != null) {
      throw new IllegalStateException("install failed: " + job.asString());
    }
    tenant(tenant).delete("/_/tenant/" + id);
  }

  public void purge(String tenant) {
    tenant(tenant).body("{\"module_from\":\"" + MODULE_ID + "\",\"purge\":true}").post("/_/tenant");
  }

  public static boolean schemaExists(String schema) throws SQLException {
    return count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'") > 0;
  }

  public static long count(String sql) throws SQLException {
    try (Connection conn = TestPostgres.connect(); Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public static void execute(String sql) throws SQLException {
    try (Connection conn = TestPostgres.connect(); Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public void close() {
    try {
      module.stop(java.time.Duration.ZERO).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("module did not stop", e);
    }
  }
}
