package org.folio.contacttracing.bench;

import io.vertx.core.json.JsonObject;

/**
 * The knobs of a run, from {@code -Dbench.NAME}; an unset or empty property takes the default, because the
 * Maven profile passes every property on, empty when the command line did not set it.
 */
record BenchParameters(int writes, int warmup, int large, int window, int queries, int queryWarmup,
    int purgeDay, int tenants, int poolSize, String jvmFlags, String scenarios) {
  /**
   * The launch descriptor's JAVA_OPTIONS, with the class-data archive that the Dockerfile builds into the image
   * written under target/bench instead.
   */
  static final String DEFAULT_JVM_FLAGS = "-Xmx128m -Xms16m -XX:MaxNewSize=16m -XX:+UseSerialGC"
      + " -XX:ReservedCodeCacheSize=32m -XX:TrimNativeHeapInterval=10000 -XX:SharedArchiveFile=target/bench/mod-contact-tracing.jsa";

  static BenchParameters fromSystemProperties() {
    return new BenchParameters(
        integer("writes", 8000),
        integer("warmup", 6000),
        integer("large", 1_000_000),
        integer("window", 200),
        integer("queries", 300),
        integer("queryWarmup", 50),
        integer("purgeDay", 5000),
        integer("tenants", 200),
        integer("poolSize", 4),
        text("jvmFlags", DEFAULT_JVM_FLAGS),
        text("scenarios", "all"));
  }

  /** {@code -Dbench.scenarios=write}: start-up, memory and the write path, for working on the write path. */
  boolean writeOnly() {
    if (!scenarios.equals("all") && !scenarios.equals("write")) {
      throw new IllegalArgumentException("bench.scenarios must be all or write, not " + scenarios);
    }
    return scenarios.equals("write");
  }

  private static String text(String name, String fallback) {
    String value = System.getProperty("bench." + name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int integer(String name, int fallback) {
    String value = text(name, null);
    return value == null ? fallback : Integer.parseInt(value);
  }

  JsonObject toJson() {
    return new JsonObject().put("writes", writes).put("warmup", warmup).put("large", large).put("window", window)
        .put("queries", queries).put("queryWarmup", queryWarmup).put("purgeDay", purgeDay).put("tenants", tenants)
        .put("poolSize", poolSize).put("jvmFlags", jvmFlags).put("scenarios", scenarios);
  }
}
