package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Eureka application descriptor template, in the shape of FOLIO's app-* repositories (folio-org/app-acquisitions
 * {@code application.template.json}): it names this module with a version range the build's version falls in, and
 * depends on the platform's minimal application, which brings what the module descriptor needs around it.
 */
class ApplicationDescriptorTest {
  private static final Path TEMPLATE = Path.of("descriptors", "app-contact-tracing.template.json");

  private static JsonObject template() throws IOException {
    return new JsonObject(Files.readString(TEMPLATE));
  }

  private static String pomVersion() throws IOException {
    Matcher version = Pattern.compile("<artifactId>mod-contact-tracing</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).isTrue();
    return version.group(1);
  }

  /** npm-style caret range as folio-application-generator reads it: same major, at least the given version. */
  private static boolean inCaretRange(String version, String range) {
    assertThat(range).matches("\\^\\d+\\.\\d+\\.\\d+");
    int[] base = numbers(range.substring(1));
    int[] actual = numbers(version.replaceFirst("-SNAPSHOT$", ""));
    return actual[0] == base[0] && (actual[1] > base[1] || actual[1] == base[1] && actual[2] >= base[2]);
  }

  private static int[] numbers(String version) {
    return java.util.Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  @Test
  void isAnApplicationTemplateNamingThisModuleInARangeThatHoldsThePomVersion() throws IOException {
    JsonObject template = template();
    assertThat(template.fieldNames()).containsExactlyInAnyOrder("name", "version", "description", "dependencies",
        "modules", "uiModules");
    assertThat(template.getString("version")).isEqualTo("${project.version}");
    JsonArray modules = template.getJsonArray("modules");
    assertThat(modules).hasSize(1);
    JsonObject module = modules.getJsonObject(0);
    assertThat(module.getString("name")).isEqualTo("mod-contact-tracing");
    assertThat(inCaretRange(pomVersion(), module.getString("version")))
        .as(pomVersion() + " in " + module.getString("version")).isTrue();
    assertThat(module.getString("preRelease")).isIn("true", "false", "only");
  }

  @Test
  void dependsOnTheMinimalPlatformSoTheTimerAndTokensAreServed() throws IOException {
    JsonArray dependencies = template().getJsonArray("dependencies");
    assertThat(dependencies).hasSize(1);
    assertThat(dependencies.getJsonObject(0).getString("name")).isEqualTo("app-platform-minimal");
    assertThat(dependencies.getJsonObject(0).getString("version")).matches("\\^2\\.\\d+\\.\\d+");
    // folio-org/app-platform-minimal application.template.json (commit f1066dbc) lists mod-scheduler, which fires
    // the _timer, and mod-login-keycloak, which provides authtoken, the only interface the module requires
  }

  @Test
  void theModuleDescriptorProvidesItsInterfaceAndRequiresOnlyWhatTheMinimalPlatformProvides() throws IOException {
    JsonObject md = new JsonObject(Files.readString(Path.of("target", "ModuleDescriptor.json")));
    assertThat(md.getString("id")).isEqualTo("mod-contact-tracing-" + pomVersion());
    List<String> provided = md.getJsonArray("provides").stream().map(JsonObject.class::cast)
        .map(p -> p.getString("id") + " " + p.getString("version")).toList();
    assertThat(provided).containsExactlyInAnyOrder("contact-tracing 2.0", "_tenant 2.0", "_timer 1.0");
    List<String> required = md.getJsonArray("requires").stream().map(JsonObject.class::cast)
        .map(r -> r.getString("id") + " " + r.getString("version")).toList();
    assertThat(required).containsExactly("authtoken 2.0");
  }
}
