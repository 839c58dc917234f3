package org.folio.contacttracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.folio.contacttracing.platform.config.ModuleConfig;
import org.folio.contacttracing.platform.logging.RequestLogContext;

/** {@code java -jar mod-contact-tracing-fat.jar [http.port=N]}. */
public final class Main {
  private static final Logger log = LogManager.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    RequestLogContext.install();
    ContactTracingModule module;
    try {
      ModuleConfig config = ModuleConfig.from(List.of(args), System.getenv(), systemProperties());
      module = ContactTracingModule.start(config).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
        // a configuration mistake: one line on stderr says what to fix, a stack trace would only bury it
        System.err.println("mod-contact-tracing did not start: " + cause.getMessage());
      } else {
        log.fatal("mod-contact-tracing did not start: {}", cause.getMessage(), cause);
      }
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutting down");
      try {
        module.stop(Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Shutdown did not complete cleanly: {}", e.toString());
      }
      LogManager.shutdown();
    }, "shutdown"));
  }

  private static Map<String, String> systemProperties() {
    return System.getProperties().stringPropertyNames().stream()
        .collect(Collectors.toMap(name -> name, System::getProperty));
  }
}
