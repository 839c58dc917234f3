package org.folio.contacttracing.platform.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.folio.contacttracing.platform.failure.FieldError;
import org.folio.contacttracing.platform.failure.Invalid;

/**
 * Validates request bodies against the JSON Schemas (draft-04) in {@code ramls/schemas}, the same files the
 * RAML declares, so the published contract and the running module cannot drift apart. Violations become
 * FOLIO 422 errors that name the field and describe the rule, never quoting the submitted value.
 */
public final class SchemaValidator {
  private static final String BASE = "urn:contact-tracing:/schemas/";
  private static final String RESOURCE_DIR = "ramls/schemas/";
  private static final Set<String> CHECKED_BY_WALK = Set.of("additionalProperties", "required");

  private final Map<String, JsonObject> schemas;
  /** Report every violation, to answer a refused body. */
  private final Map<String, Validator> validators;
  /** Only say whether the body conforms. */
  private final Map<String, Validator> flags;
  /** Say quickly that a body certainly conforms, the usual case. */
  private final Map<String, ConformanceCheck> quick;

  private SchemaValidator(Map<String, JsonObject> schemas, Map<String, Validator> validators,
      Map<String, Validator> flags, Map<String, ConformanceCheck> quick) {
    this.schemas = schemas;
    this.validators = validators;
    this.flags = flags;
    this.quick = quick;
  }

  /** Loads the named top-level schemas and everything they reference. */
  public static SchemaValidator load(List<String> topLevel) {
    Map<String, JsonObject> loaded = new LinkedHashMap<>();
    Deque<String> pending = new ArrayDeque<>(topLevel);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!loaded.containsKey(name)) {
        JsonObject schema = read(name);
        loaded.put(name, schema);
        collectRefs(schema, pending);
      }
    }
    SchemaRepository detailed = repository(loaded, OutputFormat.Basic);
    SchemaRepository quick = repository(loaded, OutputFormat.Flag);
    Map<String, Validator> validators = new LinkedHashMap<>();
    Map<String, Validator> flags = new LinkedHashMap<>();
    Map<String, ConformanceCheck> checks = new LinkedHashMap<>();
    for (String name : topLevel) {
      validators.put(name, detailed.validator(BASE + name));
      flags.put(name, quick.validator(BASE + name));
      checks.put(name, ConformanceCheck.compile(loaded, name));
    }
    return new SchemaValidator(Map.copyOf(loaded), Map.copyOf(validators), Map.copyOf(flags), Map.copyOf(checks));
  }

  private static SchemaRepository repository(Map<String, JsonObject> loaded, OutputFormat format) {
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
        .setDraft(Draft.DRAFT4)
        .setBaseUri(BASE)
        .setOutputFormat(format));
    loaded.forEach((name, schema) -> repository.dereference(BASE + name, JsonSchema.of(schema.copy())));
    return repository;
  }

  /** Throws an {@link Invalid} listing every violation of {@code schema} in {@code instance}. */
  public void validate(String schema, JsonObject instance) {
    List<FieldError> errors = check(schema, instance);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
  }

  /** Every violation of {@code schema} in {@code instance}; empty when it conforms. */
  public List<FieldError> check(String schema, JsonObject instance) {
    Validator validator = validators.get(schema);
    if (validator == null) {
      throw new IllegalArgumentException("Schema not loaded: " + schema);
    }
    List<FieldError> errors = new ArrayList<>();
    // a conforming body, the usual case, is answered by the compiled check; one it is not sure of by the flag
    // validator, which stops at the first violation and builds no report; only a refused body gets the detailed
    // one, which costs several times as much
    if (quick.get(schema).certainlyConforms(instance)) {
      return errors;
    }
    walk(schemas.get(schema), schema, instance, "", errors);
    if (errors.isEmpty() && conformsByLibrary(schema, instance)) {
      return errors;
    }
    OutputUnit result = validator.validate(instance);
    if (!Boolean.TRUE.equals(result.getValid()) && result.getErrors() != null) {
      for (OutputUnit unit : result.getErrors()) {
        if (!CHECKED_BY_WALK.contains(keywordOf(unit))) {
          FieldError error = describe(unit);
          if (error != null && errors.stream().noneMatch(e -> e.field().equals(error.field()))) {
            errors.add(error);
          }
        }
      }
    }
    return errors;
  }

  /** Whether the compiled check can vouch for bodies of {@code schema} at all; see {@link ConformanceCheck}. */
  boolean compiledFully(String schema) {
    return quick.get(schema).complete();
  }

  /** Whether the compiled check is certain that {@code instance} conforms. */
  boolean certainlyConforms(String schema, JsonObject instance) {
    return quick.get(schema).certainlyConforms(instance);
  }

  /** Whether the library validator (flag output) finds that {@code instance} conforms. */
  boolean conformsByLibrary(String schema, JsonObject instance) {
    return Boolean.TRUE.equals(flags.get(schema).validate(instance).getValid());
  }

  /** Unknown and missing properties, found by walking the instance along the schema, with their names. */
  private void walk(JsonObject schema, String file, Object instance, String path, List<FieldError> errors) {
    if (schema == null) {
      return;
    }
    if (schema.containsKey("$ref")) {
      String ref = schema.getString("$ref");
      String target = ref.startsWith("#") ? file : ref.substring(ref.lastIndexOf('/') + 1).split("#")[0];
      JsonObject resolved = schemas.get(target);
      walk(ref.startsWith("#") ? pointer(resolved, ref.substring(1)) : resolved, target, instance, path, errors);
      return;
    }
    if (instance instanceof JsonObject object) {
      JsonObject properties = schema.getJsonObject("properties", new JsonObject());
      for (Object required : schema.getJsonArray("required", new JsonArray())) {
        if (!object.containsKey((String) required) || object.getValue((String) required) == null) {
          String field = join(path, (String) required);
          errors.add(new FieldError("field_required", field, field + " is required"));
        }
      }
      boolean closed = Boolean.FALSE.equals(schema.getValue("additionalProperties"));
      for (String key : object.fieldNames()) {
        String field = join(path, key);
        if (properties.containsKey(key)) {
          walk(properties.getJsonObject(key), file, object.getValue(key), field, errors);
        } else if (closed) {
          errors.add(new FieldError("unknown_property", field, field + " is not a known property"));
        }
      }
    } else if (instance instanceof JsonArray array && schema.getValue("items") instanceof JsonObject items) {
      for (int i = 0; i < array.size(); i++) {
        walk(items, file, array.getValue(i), path + "[" + i + "]", errors);
      }
    }
  }

  private FieldError describe(OutputUnit unit) {
    String field = fieldOf(unit.getInstanceLocation());
    String keyword = keywordOf(unit);
    JsonObject rule = ruleAt(unit.getAbsoluteKeywordLocation());
    String name = field.isEmpty() ? "the request body" : field;
    return switch (keyword == null ? "" : keyword) {
      case "type" -> new FieldError("invalid_type", field, name + " must be of type " + rule.getValue("type"));
      case "enum" -> new FieldError("invalid_value", field,
          name + " must be one of: " + String.join(", ", rule.getJsonArray("enum", new JsonArray()).stream()
              .map(String::valueOf).toList()));
      case "format" -> new FieldError("invalid_value", field, name + " must be a valid " + rule.getString("format"));
      case "pattern" -> new FieldError("invalid_value", field, name + " does not have the required form");
      case "minLength" -> new FieldError("invalid_value", field,
          name + " must have at least " + rule.getValue("minLength") + " characters");
      case "maxLength" -> new FieldError("invalid_value", field,
          name + " must have at most " + rule.getValue("maxLength") + " characters");
      case "minimum" -> new FieldError("invalid_value", field, name + " must be at least " + rule.getValue("minimum"));
      case "maximum" -> new FieldError("invalid_value", field, name + " must be at most " + rule.getValue("maximum"));
      case "minItems" -> new FieldError("invalid_value", field,
          name + " must have at least " + rule.getValue("minItems") + " entries");
      case "maxItems" -> new FieldError("invalid_value", field,
          name + " must have at most " + rule.getValue("maxItems") + " entries");
      case "uniqueItems" -> new FieldError("invalid_value", field, name + " must not repeat an entry");
      case "minProperties", "maxProperties", "multipleOf", "not", "anyOf", "oneOf", "allOf", "dependencies" ->
          new FieldError("invalid_value", field, name + " is not valid");
      default -> null;
    };
  }

  private static String keywordOf(OutputUnit unit) {
    String location = unit.getKeywordLocation();
    return location == null ? "" : location.substring(location.lastIndexOf('/') + 1);
  }

  /** The schema object that holds the failing keyword, found from the keyword's absolute location. */
  private JsonObject ruleAt(String absoluteKeywordLocation) {
    if (absoluteKeywordLocation == null || !absoluteKeywordLocation.startsWith(BASE)) {
      return new JsonObject();
    }
    String rest = absoluteKeywordLocation.substring(BASE.length());
    int hash = rest.indexOf('#');
    String file = hash < 0 ? rest : rest.substring(0, hash);
    String pointer = hash < 0 ? "" : rest.substring(hash + 1);
    int lastSlash = pointer.lastIndexOf('/');
    JsonObject holder = pointer(schemas.get(file), lastSlash <= 0 ? "" : pointer.substring(0, lastSlash));
    return holder == null ? new JsonObject() : holder;
  }

  private static JsonObject pointer(JsonObject root, String pointer) {
    Object current = root;
    for (String token : pointer.split("/")) {
      if (token.isEmpty()) {
        continue;
      }
      String key = token.replace("~1", "/").replace("~0", "~");
      if (current instanceof JsonObject object) {
        current = object.getValue(key);
      } else if (current instanceof JsonArray array && key.chars().allMatch(Character::isDigit)) {
        current = array.getValue(Integer.parseInt(key));
      } else {
        return null;
      }
    }
    return current instanceof JsonObject object ? object : null;
  }

  /** {@code /authority/type} becomes {@code authority.type}, {@code /locations/2} becomes {@code locations[2]}. */
  static String fieldOf(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    String location = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
    StringBuilder field = new StringBuilder();
    for (String token : location.split("/")) {
      if (token.isEmpty()) {
        continue;
      }
      if (token.chars().allMatch(Character::isDigit)) {
        field.append('[').append(token).append(']');
      } else {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(token.replace("~1", "/").replace("~0", "~"));
      }
    }
    return field.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static void collectRefs(Object node, Deque<String> pending) {
    if (node instanceof JsonObject object) {
      Object ref = object.getValue("$ref");
      if (ref instanceof String text && !text.startsWith("#")) {
        pending.add(text.substring(text.lastIndexOf('/') + 1).split("#")[0]);
      }
      object.forEach(entry -> collectRefs(entry.getValue(), pending));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, pending));
    }
  }

  private static JsonObject read(String name) {
    try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("Schema not found on the class path: " + RESOURCE_DIR + name);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
