package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.folio.contacttracing.platform.json.SchemaValidator;
import org.folio.contacttracing.support.ModuleUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.raml.v2.api.RamlModelBuilder;
import org.raml.v2.api.RamlModelResult;
import org.raml.v2.api.model.v10.resources.Resource;

/** The published contract (RAML, schemas, examples) and the running module agree. */
class ContractTest {
  private static final Path RAMLS = Path.of("ramls");
  private static ModuleUnderTest module;

  @BeforeAll
  static void start() {
    module = ModuleUnderTest.start();
  }

  @AfterAll
  static void stop() {
    module.close();
  }

  private static List<Path> ramlFiles() throws IOException {
    try (Stream<Path> files = Files.list(RAMLS)) {
      return files.filter(f -> f.toString().endsWith(".raml")).sorted().toList();
    }
  }

  @Test
  void everyRamlParsesWithoutError() throws IOException {
    assertThat(ramlFiles()).extracting(Path::getFileName).extracting(Path::toString)
        .contains("tenant.raml", "contact-tracing.raml");
    for (Path raml : ramlFiles()) {
      RamlModelResult result = new RamlModelBuilder().buildApi(raml.toFile());
      assertThat(result.getValidationResults()).as(raml.toString()).isEmpty();
      assertThat(result.getApiV10()).as(raml.toString()).isNotNull();
    }
  }

  @Test
  void everyExampleConformsToTheSchemaOfTheSameName() throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(RAMLS.resolve("examples"))) {
      names = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(names).isNotEmpty();
    SchemaValidator validator = SchemaValidator.load(names);
    for (String name : names) {
      JsonObject example = new JsonObject(Files.readString(RAMLS.resolve("examples").resolve(name)));
      assertThat(validator.check(name, example)).as(name).isEmpty();
    }
  }

  @Test
  void everySchemaPropertyIsDescribed() throws IOException {
    try (Stream<Path> files = Files.list(RAMLS.resolve("schemas"))) {
      for (Path file : files.toList()) {
        JsonObject schema = new JsonObject(Files.readString(file));
        assertThat(schema.getString("description")).as(file.toString()).isNotBlank();
        assertDescribed(file.getFileName().toString(), schema.getJsonObject("properties", new JsonObject()));
      }
    }
  }

  private static void assertDescribed(String file, JsonObject properties) {
    properties.forEach(entry -> {
      JsonObject property = (JsonObject) entry.getValue();
      assertThat(property.getString("description")).as(file + " " + entry.getKey()).isNotBlank();
      assertDescribed(file, property.getJsonObject("properties", new JsonObject()));
    });
  }

  @Test
  void ramlResourcesAndMethodsAreExactlyTheModulesRoutes() throws IOException {
    TreeSet<String> declared = new TreeSet<>();
    for (Path raml : ramlFiles()) {
      RamlModelResult result = new RamlModelBuilder().buildApi(raml.toFile());
      collect(result.getApiV10().resources(), declared);
    }
    assertThat(declared).containsExactlyElementsOf(new TreeSet<>(module.module().routes()));
  }

  @Test
  void ramlQueryParametersAreExactlyTheOnesEachRouteTakes() throws IOException {
    java.util.Map<String, TreeSet<String>> declared = new java.util.TreeMap<>();
    for (Path raml : ramlFiles()) {
      collectQueryParameters(new RamlModelBuilder().buildApi(raml.toFile()).getApiV10().resources(), declared);
    }
    java.util.Map<String, TreeSet<String>> served = new java.util.TreeMap<>();
    module.module().queryParameters().forEach((route, names) -> served.put(route, new TreeSet<>(names)));
    assertThat(declared).isEqualTo(served);
    // every collection takes a CQL query
    assertThat(served.entrySet().stream().filter(e -> e.getValue().contains("limit")).map(e -> e.getKey()))
        .allMatch(route -> served.get(route).contains("query"))
        .contains("GET /contact-tracing/mandates", "GET /contact-tracing/contact-logs", "GET /contact-tracing/disclosures",
            "GET /contact-tracing/paper-logs", "GET /contact-tracing/audit-events", "GET /contact-tracing/mandates/{id}/reviews");
    assertThat(served.get("GET /contact-tracing/visit-counts")).contains("query");
    assertThat(served.get("GET /contact-tracing/mandate-reviews/due")).contains("query");
  }

  private static void collectQueryParameters(List<Resource> resources, java.util.Map<String, TreeSet<String>> into) {
    for (Resource resource : resources) {
      resource.methods().forEach(method -> {
        TreeSet<String> names = new TreeSet<>();
        method.queryParameters().forEach(parameter -> names.add(parameter.name()));
        into.put(method.method().toUpperCase() + " " + resource.resourcePath(), names);
      });
      collectQueryParameters(resource.resources(), into);
    }
  }

  @Test
  void ramlMethodsThatNeedAStaffMemberAreExactlyTheModulesAccountableRoutes() {
    RamlModelResult result = new RamlModelBuilder().buildApi(RAMLS.resolve("contact-tracing.raml").toFile());
    TreeSet<String> declared = new TreeSet<>();
    collectWithTrait(result.getApiV10().resources(), "staffMember", declared);
    assertThat(declared).containsExactlyElementsOf(new TreeSet<>(module.module().accountableRoutes()));
    // reading, correcting, deleting or releasing personal data, changing a mandate (also by a review with the
    // authority) or a setting, every disclosure step, and registering and shredding a paper log
    assertThat(declared).containsExactlyInAnyOrder(
        "GET /contact-tracing/contact-logs", "GET /contact-tracing/contact-logs/{id}",
        "PUT /contact-tracing/contact-logs/{id}", "DELETE /contact-tracing/contact-logs/{id}",
        "POST /contact-tracing/mandates", "PUT /contact-tracing/mandates/{id}", "DELETE /contact-tracing/mandates/{id}",
        "POST /contact-tracing/mandates/{id}/reviews",
        "PUT /contact-tracing/settings", "POST /contact-tracing/disclosures",
        "POST /contact-tracing/disclosures/{id}/decision", "POST /contact-tracing/disclosures/{id}/releases",
        "POST /contact-tracing/paper-logs", "POST /contact-tracing/paper-logs/{id}/shredding");
  }

  private static void collectWithTrait(List<Resource> resources, String trait, TreeSet<String> into) {
    for (Resource resource : resources) {
      resource.methods().stream()
          .filter(method -> method.is().stream().anyMatch(ref -> ref.name().equals(trait)))
          .forEach(method -> into.add(method.method().toUpperCase() + " " + resource.resourcePath()));
      collectWithTrait(resource.resources(), trait, into);
    }
  }

  private static void collect(List<Resource> resources, TreeSet<String> into) {
    for (Resource resource : resources) {
      resource.methods().forEach(method -> into.add(method.method().toUpperCase() + " " + resource.resourcePath()));
      collect(resource.resources(), into);
    }
  }

  @Test
  void generatedDescriptorFollowsFolioRules() throws IOException {
    JsonObject md = new JsonObject(Files.readString(Path.of("target", "ModuleDescriptor.json")));
    assertThat(md.getString("id")).matches("mod-contact-tracing-\\d+\\.\\d+\\.\\d+.*");
    assertThat(md.fieldNames()).isSubsetOf("id", "name", "replaces", "tags", "requires", "provides", "optional",
        "filters", "permissionSets", "env", "metadata", "uiDescriptor", "launchDescriptor");
    // only authtoken, so that the module cannot be enabled where nobody checks tokens and permissions; 2.0 is met
    // by mod-authtoken (2.1) and by Eureka's mod-login-keycloak (2.0)
    assertThat(md.getJsonArray("requires")).containsExactly(
        new JsonObject().put("id", "authtoken").put("version", "2.0"));
    assertThat(md.containsKey("optional")).isFalse();

    List<String> defined = new ArrayList<>();
    JsonArray sets = md.getJsonArray("permissionSets");
    sets.forEach(p -> defined.add(((JsonObject) p).getString("permissionName")));
    List<String> used = new ArrayList<>();
    List<String> endpoints = new ArrayList<>();
    for (Object i : md.getJsonArray("provides")) {
      JsonObject iface = (JsonObject) i;
      assertThat(iface.getString("version")).matches("\\d+\\.\\d+");
      boolean system = iface.getString("id").startsWith("_");
      if (system) {
        assertThat(iface.getString("interfaceType")).as(iface.getString("id")).isEqualTo("system");
      }
      for (Object h : iface.getJsonArray("handlers")) {
        JsonObject handler = (JsonObject) h;
        for (Object m : handler.getJsonArray("methods")) {
          endpoints.add(m + " " + handler.getString("pathPattern"));
        }
        if (system) {
          continue;
        }
        JsonArray required = handler.getJsonArray("permissionsRequired");
        assertThat(required).as(handler.encode()).hasSize(1);
        String permission = required.getString(0);
        assertThat(defined).contains(permission);
        assertThat(used).as("one permission guards one endpoint").doesNotContain(permission);
        used.add(permission);
        JsonObject definition = sets.stream().map(JsonObject.class::cast)
            .filter(p -> p.getString("permissionName").equals(permission)).findFirst().orElseThrow();
        assertThat(definition.getJsonArray("subPermissions", new JsonArray())).isEmpty();
      }
    }
    // every route of the module is in the descriptor, and nothing else
    assertThat(new TreeSet<>(endpoints)).containsExactlyElementsOf(new TreeSet<>(module.module().routes()));
    for (Object p : sets) {
      JsonObject permission = (JsonObject) p;
      String name = permission.getString("permissionName");
      assertThat(name).startsWith("contact-tracing.")
          .matches(".*\\.(get|view|read|post|create|write|put|edit|update|patch|delete|all|manage|execute)$");
      assertThat(permission.getString("displayName")).as(name).isNotBlank();
      assertThat(permission.getString("description")).as(name).isNotBlank();
      permission.getJsonArray("subPermissions", new JsonArray())
          .forEach(sub -> assertThat(defined).as(name + " includes " + sub).contains((String) sub));
    }
    JsonObject launch = md.getJsonObject("launchDescriptor");
    assertThat(launch.getJsonObject("dockerArgs").getJsonObject("HostConfig").getLong("Memory")).isPositive();
    launch.getJsonArray("env").forEach(e -> assertThat(((JsonObject) e).getString("description")).isNotBlank());
    assertThat(launch.getJsonArray("env").stream().map(e -> ((JsonObject) e).getString("name")).toList())
        .contains("JAVA_OPTIONS", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_DATABASE",
            "DB_MAXPOOLSIZE", "DB_QUERYTIMEOUT", "DB_CONNECTIONRELEASEDELAY", "DB_SERVER_PEM",
            "CONTACT_TRACING_KEK", "CONTACT_TRACING_KEK_FILE", "CONTACT_TRACING_PREVIOUS_KEK");
  }

  @Test
  void frontDeskCannotReadASingleEntry() throws IOException {
    JsonObject md = new JsonObject(Files.readString(Path.of("target", "ModuleDescriptor.json")));
    JsonObject desk = md.getJsonArray("permissionSets").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("permissionName").equals("contact-tracing.visits.create")).findFirst().orElseThrow();
    assertThat(desk.getBoolean("visible")).isTrue();
    assertThat(desk.getJsonArray("subPermissions").getList()).containsExactlyInAnyOrder(
        "contact-tracing.contact-logs.item.post", "contact-tracing.declines.item.post",
        "contact-tracing.notice.item.get",
        // the visitor's receipt names fields, never their values
        "contact-tracing.contact-log-receipts.item.get",
        // entering a paper sheet in the register reads nothing back: the register describes sheets, not visitors
        "contact-tracing.paper-logs.item.post");
  }
}
