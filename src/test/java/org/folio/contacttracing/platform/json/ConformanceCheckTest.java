package org.folio.contacttracing.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled check may only ever say yes where the library validator says yes: it decides alone whether a
 * body is accepted. Every schema and example of the RAML is used, and tens of thousands of bodies made from the
 * examples by replacing, removing and adding values, with values chosen to sit on the rules' edges (formats,
 * lengths, bounds, enums, duplicates, types).
 */
class ConformanceCheckTest {
  private static final Path SCHEMAS = Path.of("ramls/schemas");
  private static final Path EXAMPLES = Path.of("ramls/examples");
  private static final int BODIES_PER_EXAMPLE = 1500;
  private static List<String> names;
  private static SchemaValidator validator;
  private static List<Object> edgeValues;

  @BeforeAll
  static void load() throws IOException {
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      names = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
          .sorted().toList();
    }
    validator = SchemaValidator.load(names);
    edgeValues = edgeValues();
  }

  @Test
  void everySchemaIsCompiledSoThatConformingBodiesTakeTheQuickPath() {
    assertThat(names).hasSizeGreaterThan(20)
        .allSatisfy(name -> assertThat(validator.compiledFully(name)).as(name).isTrue());
  }

  @Test
  void everyExampleIsAcceptedByBoth() throws IOException {
    List<String> checked = new ArrayList<>();
    for (String name : names) {
      Path example = EXAMPLES.resolve(name);
      if (Files.exists(example)) {
        JsonObject body = new JsonObject(Files.readString(example));
        assertThat(validator.conformsByLibrary(name, body)).as("library on example " + name).isTrue();
        assertThat(validator.certainlyConforms(name, body)).as("compiled check on example " + name).isTrue();
        checked.add(name);
      }
    }
    assertThat(checked).contains("contactLogEntry.json", "mandate.json", "decline.json", "settings.json",
        "disclosureRequest.json");
  }

  @Test
  void saysYesOnlyWhereTheLibrarySaysYes() throws IOException {
    Random random = new Random(20261124);
    int libraryYes = 0;
    int bothYes = 0;
    int bodies = 0;
    for (String name : names) {
      Path example = EXAMPLES.resolve(name);
      if (!Files.exists(example)) {
        continue;
      }
      String text = Files.readString(example);
      for (int i = 0; i < BODIES_PER_EXAMPLE; i++) {
        JsonObject body = new JsonObject(text);
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
          mutate(body.getMap(), random);
        }
        boolean library = validator.conformsByLibrary(name, body);
        boolean quick = validator.certainlyConforms(name, body);
        bodies++;
        if (quick) {
          assertThat(library).as("%s: the compiled check accepted what the library refuses: %s", name,
              body.encode()).isTrue();
        }
        libraryYes += library ? 1 : 0;
        bothYes += library && quick ? 1 : 0;
      }
    }
    // not vacuous: many changed bodies still conform, and the quick path takes most of them
    assertThat(bodies).isGreaterThan(20_000);
    assertThat(libraryYes).as("bodies the library accepts").isGreaterThan(bodies / 10);
    assertThat(bothYes).as("of those, accepted by the compiled check too").isGreaterThan(libraryYes * 3 / 4);
  }

  /** Line terminators that Java's {@code $} matches before when they end the text. */
  static final List<String> LINE_ENDS = List.of("\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029", "\n\n");

  @Test
  void everyPatternEndsWhereTheTextEnds() throws IOException {
    // the library validator applies a pattern with find(), and Java's $ also matches before a final line break:
    // "main\n" would pass ^[A-Za-z0-9._-]{1,64}$; (?![\s\S]) means that no character at all follows
    List<String> patterns = new ArrayList<>();
    for (String name : names) {
      collectPatterns(new JsonObject(Files.readString(SCHEMAS.resolve(name))), patterns);
    }
    assertThat(patterns).hasSizeGreaterThan(20)
        .allSatisfy(pattern -> assertThat(pattern).startsWith("^").endsWith("(?![\\s\\S])").doesNotContain("$"));
  }

  private static void collectPatterns(Object node, List<String> patterns) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getKey().equals("pattern") && entry.getValue() instanceof String pattern) {
          patterns.add(pattern);
        } else {
          collectPatterns(entry.getValue(), patterns);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectPatterns(item, patterns));
    }
  }

  @Test
  void aLocationEndingInALineBreakIsRefusedByBothInEveryBodyThatCarriesOne() throws IOException {
    for (String lineEnd : LINE_ENDS) {
      String location = "main-desk" + lineEnd;
      Map<String, JsonObject> bodies = Map.of(
          "contactLogEntry.json", example("contactLogEntry.json").put("location", location),
          "decline.json", example("decline.json").put("location", location),
          "mandate.json", example("mandate.json").put("locations", new JsonArray().add("branch-north").add(location)),
          "disclosureRequest.json", example("disclosureRequest.json").put("locations", new JsonArray().add(location)));
      bodies.forEach((name, body) -> {
        assertThat(validator.conformsByLibrary(name, body)).as("library, %s, %s", name, body.encode()).isFalse();
        assertThat(validator.certainlyConforms(name, body)).as("compiled, %s, %s", name, body.encode()).isFalse();
        assertThat(validator.check(name, body)).as("%s, %s", name, body.encode()).isNotEmpty();
      });
    }
    // and the examples themselves still pass, on the quick path
    for (String name : List.of("contactLogEntry.json", "decline.json", "mandate.json", "disclosureRequest.json")) {
      assertThat(validator.certainlyConforms(name, example(name))).as(name).isTrue();
    }
  }

  private static JsonObject example(String name) throws IOException {
    return new JsonObject(Files.readString(EXAMPLES.resolve(name)));
  }

  /** Replaces, removes or adds one value somewhere in the document. */
  @SuppressWarnings("unchecked")
  private static void mutate(Map<String, Object> root, Random random) {
    List<Object> containers = new ArrayList<>();
    collect(root, containers);
    Object container = containers.get(random.nextInt(containers.size()));
    // a copy: an edge value that is a list or an object, shared, could end up inside itself
    Object value = copy(edgeValues.get(random.nextInt(edgeValues.size())));
    if (container instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      List<String> keys = new ArrayList<>(object.keySet());
      int operation = random.nextInt(10);
      if (keys.isEmpty() || operation == 0) {
        object.put(operation == 0 && !keys.isEmpty() ? keys.get(0) + "X" : "unknownProperty", value);
      } else if (operation == 1) {
        object.remove(keys.get(random.nextInt(keys.size())));
      } else {
        object.put(keys.get(random.nextInt(keys.size())), value);
      }
    } else {
      List<Object> list = (List<Object>) container;
      int operation = random.nextInt(3);
      if (list.isEmpty() || operation == 0) {
        list.add(list.isEmpty() || random.nextBoolean() ? value : list.get(0));
      } else if (operation == 1) {
        list.remove(random.nextInt(list.size()));
      } else {
        list.set(random.nextInt(list.size()), value);
      }
    }
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(key, copy(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(copy(item)));
      return copy;
    }
    return value;
  }

  private static void collect(Object node, List<Object> containers) {
    if (node instanceof Map<?, ?> map) {
      containers.add(map);
      map.values().forEach(child -> collect(child, containers));
    } else if (node instanceof List<?> list) {
      containers.add(list);
      list.forEach(child -> collect(child, containers));
    }
  }

  /**
   * Values on the rules' edges, plus every string and number that the examples and the schemas' enums hold, so
   * that many changed bodies still conform.
   */
  private static List<Object> edgeValues() throws IOException {
    List<Object> values = new ArrayList<>(List.of("", "a", "x".repeat(64), "x".repeat(65), "x".repeat(255),
        "x".repeat(256), "x".repeat(5000), "Main Hall", "main-hall", "ümlaut", "emoji \uD83D\uDE00",
        "line\nbreak", "end\n", "tab\t", "\u0000", "main-desk\n", "main-desk\r\n", "main-desk\r",
        "main-desk\u2028", "main-desk\u0085", "\nmain-desk", "2026-11-24", "2026-02-30", "2026-13-01", "26-11-24",
        "2026-11-24T10:15:00Z", "2026-11-24T10:15:00.123+14:00", "2026-11-24T10:15:00-11:00",
        "2026-11-24t10:15:00z", "2026-11-24 10:15:00Z", "2026-11-24T23:59:60Z", "2026-11-24T10:15:00",
        "2026-11-24T10:15Z", "2026-11-24T25:00:00Z", "2026-11-24T10:15:00+1400",
        "11111111-1111-4111-8111-111111111111", "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE",
        "11111111-1111-4111-8111-11111111111", "not-a-uuid", "+1 555 0100", "visitor@example.org",
        "public-health-agency", "court-order", "name", "phone", "email", "UTC", "Europe/Berlin", "Mars/Base",
        0, 1, -1, 5, 7, 14, 15, 21, 30, 60, 61, 366, 400, 10_000, 2_147_483_648L, 1.0, 2.5, -0.0, 1e20,
        new BigInteger("123456789012345678901234567890"), true, false));
    values.add(null);
    values.add(new LinkedHashMap<>());
    values.add(new ArrayList<>());
    values.add(new ArrayList<>(List.of("name", "phone")));
    values.add(new ArrayList<>(List.of("name", "name")));
    values.add(new ArrayList<>(List.of(1, 2)));
    values.add(new LinkedHashMap<>(Map.of("type", "public-health-agency", "name", "County")));
    TreeSet<String> harvested = new TreeSet<>();
    for (Path dir : List.of(SCHEMAS, EXAMPLES)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          harvest(new JsonObject(Files.readString(file)), harvested, values);
        }
      }
    }
    values.addAll(harvested);
    return values;
  }

  private static void harvest(Object node, TreeSet<String> strings, List<Object> numbers) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> harvest(entry.getValue(), strings, numbers));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> harvest(item, strings, numbers));
    } else if (node instanceof String text && text.length() < 100) {
      strings.add(text);
    } else if (node instanceof Number number) {
      numbers.add(number);
    }
  }
}
