package org.folio.contacttracing.platform.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A JSON Schema (draft-04) compiled into plain Java checks, to say quickly that a request body certainly
 * conforms. It answers {@code true} only when it is sure; for anything it does not know (a keyword or format it
 * does not compile, a number that is integral only as a double, an enum of fractions, text with a line break that
 * a pattern's {@code $} treats differently across regex dialects) it answers {@code false}, and the caller
 * asks the full validator. So it can make a conforming body cheaper, never let a wrong one in.
 *
 * <p>Compiling turns every schema node into one predicate once; checking a body then costs a few map lookups
 * per field, instead of the interpreting validator's walk over the schema's JSON on every request.
 */
final class ConformanceCheck {
  /** Keywords that describe and do not constrain. */
  private static final Set<String> ANNOTATIONS = Set.of("$schema", "title", "description", "default",
      "example", "examples", "readonly", "readOnly");
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** Integers beyond this are not compared exactly as doubles. */
  private static final long EXACT_DOUBLE = 1L << 53;

  private final Predicate<Object> root;

  private ConformanceCheck(Predicate<Object> root) {
    this.root = root;
  }

  /**
   * @param schemas every loaded schema by file name; {@code $ref} names another file
   * @param name the schema to compile
   */
  static ConformanceCheck compile(Map<String, JsonObject> schemas, String name) {
    Map<String, Predicate<Object>> compiled = new HashMap<>();
    return new ConformanceCheck(new Compiler(schemas, compiled).file(name));
  }

  /** True only when {@code instance} certainly conforms. */
  boolean certainlyConforms(JsonObject instance) {
    return root.test(instance.getMap());
  }

  /**
   * Whether this check can ever say yes for the schema: false when something in it is not compiled, so that
   * every body goes to the full validator. A test keeps this true for every schema of the API.
   */
  boolean complete() {
    return !(root instanceof Unsure);
  }

  /** A node the compiler does not know: never certain. */
  private record Unsure(String why) implements Predicate<Object> {
    @Override
    public boolean test(Object value) {
      return false;
    }
  }

  private static final class Compiler {
    private final Map<String, JsonObject> schemas;
    private final Map<String, Predicate<Object>> files;

    Compiler(Map<String, JsonObject> schemas, Map<String, Predicate<Object>> files) {
      this.schemas = schemas;
      this.files = files;
    }

    Predicate<Object> file(String name) {
      Predicate<Object> done = files.get(name);
      if (done != null) {
        return done;
      }
      JsonObject schema = schemas.get(name);
      if (schema == null) {
        return new Unsure("unknown schema " + name);
      }
      // a schema referring to itself would recurse here; none does, and such a one is simply not compiled
      files.put(name, new Unsure("recursive " + name));
      Predicate<Object> compiled = node(schema);
      files.put(name, compiled);
      return compiled;
    }

    Predicate<Object> node(JsonObject schema) {
      if (schema.containsKey("$ref")) {
        // draft-04: the other keywords beside $ref are ignored
        // only a sibling file by its plain name; anything the library would resolve against a base URI
        // differently (paths, fragments, an id) is left to it
        String ref = schema.getString("$ref");
        return ref.contains("/") || ref.contains("#") || ref.contains(":") ? new Unsure("$ref " + ref) : file(ref);
      }
      List<Predicate<Object>> checks = new ArrayList<>();
      Predicate<Object> unsure = null;
      for (String keyword : schema.fieldNames()) {
        if (ANNOTATIONS.contains(keyword) || keyword.equals("additionalProperties") || keyword.equals("required")) {
          continue;
        }
        Predicate<Object> check = keyword(keyword, schema);
        if (check instanceof Unsure) {
          unsure = check;
        } else if (check != null) {
          checks.add(check);
        }
      }
      if (schema.containsKey("properties") || schema.containsKey("required")
          || schema.containsKey("additionalProperties")) {
        Predicate<Object> object = object(schema);
        if (object instanceof Unsure) {
          unsure = object;
        } else {
          checks.add(object);
        }
      }
      if (unsure != null) {
        return unsure;
      }
      Predicate<Object>[] all = checks.toArray(Predicate[]::new);
      return value -> {
        for (Predicate<Object> check : all) {
          if (!check.test(value)) {
            return false;
          }
        }
        return true;
      };
    }

    /** The check of one keyword; null for {@code properties}, which {@link #object} compiles. */
    private Predicate<Object> keyword(String keyword, JsonObject schema) {
      Object argument = schema.getValue(keyword);
      return switch (keyword) {
        case "properties" -> null;
        case "type" -> argument instanceof String type ? type(type) : new Unsure("type list");
        case "format" -> format(String.valueOf(argument));
        case "enum" -> enumeration(schema.getJsonArray(keyword));
        case "pattern" -> {
          Pattern pattern = Pattern.compile((String) argument);
          yield ifString(text -> !lineBreak(text) && pattern.matcher(text).find());
        }
        case "minLength" -> {
          int min = ((Number) argument).intValue();
          yield ifString(text -> plainLength(text) && text.length() >= min);
        }
        case "maxLength" -> {
          int max = ((Number) argument).intValue();
          yield ifString(text -> plainLength(text) && text.length() <= max);
        }
        case "minimum" -> bound(argument, schema.getValue("exclusiveMinimum"), true);
        case "maximum" -> bound(argument, schema.getValue("exclusiveMaximum"), false);
        case "exclusiveMinimum", "exclusiveMaximum" -> Boolean.FALSE.equals(argument) ? null
            : value -> true;   // checked with its bound
        case "items" -> argument instanceof JsonObject items ? items(node(items)) : new Unsure("tuple items");
        case "minItems" -> {
          int min = ((Number) argument).intValue();
          yield value -> !(value instanceof List<?> list) || list.size() >= min;
        }
        case "maxItems" -> {
          int max = ((Number) argument).intValue();
          yield value -> !(value instanceof List<?> list) || list.size() <= max;
        }
        case "uniqueItems" -> Boolean.TRUE.equals(argument) ? ConformanceCheck::uniqueStrings : null;
        default -> new Unsure("keyword " + keyword);
      };
    }

    private Predicate<Object> object(JsonObject schema) {
      Object additional = schema.getValue("additionalProperties");
      if (additional != null && !(additional instanceof Boolean)) {
        return new Unsure("additionalProperties schema");
      }
      boolean closed = Boolean.FALSE.equals(additional);
      Map<String, Predicate<Object>> properties = new HashMap<>();
      JsonObject declared = schema.getJsonObject("properties", new JsonObject());
      for (String name : declared.fieldNames()) {
        Predicate<Object> property = node(declared.getJsonObject(name));
        if (property instanceof Unsure) {
          return property;
        }
        properties.put(name, property);
      }
      List<String> required = new ArrayList<>();
      schema.getJsonArray("required", new JsonArray()).forEach(name -> required.add((String) name));
      String[] requiredNames = required.toArray(String[]::new);
      return value -> {
        if (!(value instanceof Map<?, ?> object)) {
          return true;   // the type keyword decides
        }
        for (String name : requiredNames) {
          // null counts as missing here, stricter than draft-04: such a body goes to the full validator
          if (object.get(name) == null) {
            return false;
          }
        }
        for (Map.Entry<?, ?> entry : object.entrySet()) {
          Predicate<Object> property = properties.get(entry.getKey());
          if (property == null ? closed : !property.test(raw(entry.getValue()))) {
            return false;
          }
        }
        return true;
      };
    }

    private static Predicate<Object> items(Predicate<Object> item) {
      if (item instanceof Unsure) {
        return item;
      }
      return value -> {
        if (value instanceof List<?> list) {
          for (Object element : list) {
            if (!item.test(raw(element))) {
              return false;
            }
          }
        }
        return true;
      };
    }

    private static Predicate<Object> type(String type) {
      return switch (type) {
        case "object" -> value -> value instanceof Map;
        case "array" -> value -> value instanceof List;
        case "string" -> value -> value instanceof String;
        case "boolean" -> value -> value instanceof Boolean;
        case "null" -> value -> value == null;
        // 1.0 is an integer to some validators and not to others: only integral types are certain
        case "integer" -> ConformanceCheck::integral;
        case "number" -> value -> value instanceof Number;
        default -> new Unsure("type " + type);
      };
    }

    private static Predicate<Object> format(String format) {
      return switch (format) {
        case "date-time" -> ifString(text -> DATE_TIME.matcher(text).matches() && parses(text,
            OffsetDateTime::parse));
        case "date" -> ifString(text -> DATE.matcher(text).matches() && parses(text, LocalDate::parse));
        case "uuid" -> ifString(text -> UUID.matcher(text).matches());
        default -> new Unsure("format " + format);
      };
    }

    /** An enum of strings, or one of integers; any other is not compiled. */
    private static Predicate<Object> enumeration(JsonArray values) {
      Set<Object> allowed = new HashSet<>();
      boolean strings = values.stream().allMatch(String.class::isInstance);
      boolean integers = values.stream().allMatch(ConformanceCheck::integral);
      if (!strings && !integers) {
        return new Unsure("enum of mixed or fractional values");
      }
      values.forEach(value -> allowed.add(strings ? value : (Object) ((Number) value).longValue()));
      if (strings) {
        return value -> value instanceof String text && allowed.contains(text);
      }
      return value -> integral(value) && allowed.contains(((Number) value).longValue());
    }

    private static Predicate<Object> bound(Object limit, Object exclusive, boolean lower) {
      if (!(limit instanceof Number number) || exclusive != null && !(exclusive instanceof Boolean)) {
        return new Unsure("bound");
      }
      double bound = number.doubleValue();
      boolean strict = Boolean.TRUE.equals(exclusive);
      return value -> {
        if (!(value instanceof Number)) {
          return true;   // the type keyword decides
        }
        if (!integral(value) || Math.abs(((Number) value).longValue()) >= EXACT_DOUBLE) {
          return false;
        }
        double actual = ((Number) value).longValue();
        if (lower) {
          return strict ? actual > bound : actual >= bound;
        }
        return strict ? actual < bound : actual <= bound;
      };
    }
  }

  /** Nested values are maps and lists as parsed, or JSON objects and arrays when a body was built in code. */
  private static Object raw(Object value) {
    if (value instanceof JsonObject object) {
      return object.getMap();
    }
    return value instanceof JsonArray array ? array.getList() : value;
  }

  private static boolean integral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger big && big.bitLength() < 63;
  }

  /** A check that applies to strings only; other values are the type keyword's business. */
  private static Predicate<Object> ifString(Predicate<String> check) {
    return value -> !(value instanceof String text) || check.test(text);
  }

  /** Length in characters equals code points: no surrogate pair to count one way or the other. */
  private static boolean plainLength(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean lineBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  private static boolean uniqueStrings(Object value) {
    if (!(value instanceof List<?> list)) {
      return true;
    }
    Set<Object> seen = new HashSet<>();
    for (Object element : list) {
      if (!(element instanceof String) || !seen.add(element)) {
        return false;
      }
    }
    return true;
  }

  private static boolean parses(String text, Function<String, ?> parser) {
    try {
      parser.apply(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
