package org.folio.contacttracing.platform.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.Map;

/**
 * Request id, tenant and user id of the request being served, kept on the Vert.x context of that request
 * so that every log line written while serving it, on whichever callback, carries them. Only these
 * identifiers are kept: never visitor data.
 */
public final class RequestLogContext {
  private static final ContextLocal<Map<String, String>> FIELDS = register();

  private RequestLogContext() {
  }

  @SuppressWarnings("unchecked")
  private static ContextLocal<Map<String, String>> register() {
    try {
      return ContextLocal.registerLocal((Class<Map<String, String>>) (Class<?>) Map.class);
    } catch (IllegalStateException e) {
      // Vert.x was created before this class was loaded: log lines then go without request fields
      return null;
    }
  }

  /** Must run before the first Vert.x instance is created. */
  public static void install() {
    // loading the class registers the context local
  }

  public static void set(String requestId, String tenantId, String userId) {
    Context context = Vertx.currentContext();
    if (FIELDS == null || context == null) {
      return;
    }
    Map<String, String> fields = new java.util.HashMap<>();
    // absent ids are left out rather than logged as empty strings
    putIfPresent(fields, "requestId", requestId);
    putIfPresent(fields, "tenantId", tenantId);
    putIfPresent(fields, "userId", userId);
    context.putLocal(FIELDS, Map.copyOf(fields));
  }

  private static void putIfPresent(Map<String, String> fields, String key, String value) {
    if (value != null && !value.isEmpty()) {
      fields.put(key, value);
    }
  }

  static Map<String, String> current() {
    Context context = Vertx.currentContext();
    if (FIELDS == null || context == null) {
      return Map.of();
    }
    Map<String, String> fields = context.getLocal(FIELDS);
    return fields == null ? Map.of() : fields;
  }
}
