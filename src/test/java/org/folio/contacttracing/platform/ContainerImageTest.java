package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.folio.contacttracing.Main;
import org.folio.contacttracing.platform.config.ModuleConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image never runs a database inside the container: the switch its Dockerfile sets refuses the embedded
 * PostgreSQL and the generated KEK, and only an explicit variable lets them back in.
 */
class ContainerImageTest {
  private static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir
  Path home;

  /** The {@code ENV} instructions of the Dockerfile, in both of Docker's forms ({@code K=V ...} and {@code K V}). */
  static Map<String, String> imageEnvironment() throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      if (!line.startsWith("ENV ")) {
        continue;
      }
      String rest = line.substring(4).trim();
      if (!rest.split("\\s+")[0].contains("=")) {
        String[] keyValue = rest.split("\\s+", 2);
        env.put(keyValue[0], keyValue[1]);
        continue;
      }
      for (String pair : rest.split("\\s+")) {
        env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return env;
  }

  private Map<String, String> imageWith(String... keysAndValues) throws IOException {
    Map<String, String> env = imageEnvironment();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return env;
  }

  private ModuleConfig configure(Map<String, String> env) {
    return ModuleConfig.from(List.of(), env, Map.of("user.home", home.toString()));
  }

  private List<Path> writtenUnderHome() throws IOException {
    try (Stream<Path> files = Files.walk(home)) {
      return files.filter(file -> !file.equals(home)).toList();
    }
  }

  @Test
  void theDockerfileSetsTheSwitch() throws IOException {
    assertThat(imageEnvironment()).containsEntry("CONTACT_TRACING_EMBEDDED_DATABASE", "refused")
        .doesNotContainKeys("DB_HOST", "CONTACT_TRACING_KEK", "CONTACT_TRACING_KEK_FILE");
  }

  @Test
  void withoutDbHostTheImageRefusesAndWritesNothing() throws IOException {
    assertThatThrownBy(() -> configure(imageEnvironment()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("DB_HOST is not set")
        .hasMessageContaining("CONTACT_TRACING_EMBEDDED_DATABASE=allowed")
        .hasMessageNotContaining("\n");
    // no data directory, and no generated KEK or password beside it
    assertThat(writtenUnderHome()).isEmpty();
  }

  @Test
  void aKekAloneDoesNotLetTheImageStartItsOwnDatabase() throws IOException {
    assertThatThrownBy(() -> configure(imageWith("CONTACT_TRACING_KEK", KEK)))
        .hasMessageStartingWith("DB_HOST is not set");
    assertThat(writtenUnderHome()).isEmpty();
  }

  @Test
  void withDbHostButNoKekTheImageRefusesAndGeneratesNone() throws IOException {
    assertThatThrownBy(() -> configure(imageWith("DB_HOST", "postgres")))
        .hasMessageStartingWith("No key-encryption key");
    assertThat(writtenUnderHome()).isEmpty();
  }

  @Test
  void withDbHostAndKekTheImageStarts() throws IOException {
    ModuleConfig config = configure(imageWith("DB_HOST", "postgres", "CONTACT_TRACING_KEK", KEK));
    assertThat(config.database()).isPresent();
    assertThat(writtenUnderHome()).isEmpty();
  }

  @Test
  void theEmbeddedDatabaseIsOptInInTheImage() throws IOException {
    ModuleConfig config = configure(imageWith("CONTACT_TRACING_EMBEDDED_DATABASE", "allowed"));
    assertThat(config.database()).isEmpty();
    assertThat(home.resolve(".mod-contact-tracing/pgdata.keys/kek")).exists();
  }

  @Test
  void theFatJarWithoutTheSwitchKeepsTheQuickStart() {
    assertThat(configure(Map.of()).database()).isEmpty();
  }

  @Test
  void anUnknownValueOfTheSwitchIsRefused() throws IOException {
    assertThatThrownBy(() -> configure(imageWith("CONTACT_TRACING_EMBEDDED_DATABASE", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CONTACT_TRACING_EMBEDDED_DATABASE must be allowed or refused");
    assertThat(writtenUnderHome()).isEmpty();
  }

  /** The module's main class as its own JVM, with nothing in its environment but what the image sets. */
  @Test
  void theModuleStartedWithTheImagesEnvironmentExitsAtOnceWithOneLine() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(imageEnvironment());
    builder.environment().put("HOME", home.toString());
    long started = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isNotZero();
    assertThat(stderr.lines().filter(line -> !line.isBlank()).toList()).singleElement().asString()
        .startsWith("mod-contact-tracing did not start: DB_HOST is not set");
    // no embedded PostgreSQL was started, and nothing was listening or written
    assertThat(stdout).doesNotContain("PostgreSQL").doesNotContain("listening");
    assertThat(writtenUnderHome()).isEmpty();
    assertThat(took).isLessThan(Duration.ofSeconds(30));
  }
}
