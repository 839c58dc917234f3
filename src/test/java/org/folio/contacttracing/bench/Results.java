package org.folio.contacttracing.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of a run, in the order measured, grouped by scenario, and the verdict for each target. Printed
 * as a plain-text table and written to {@code target/bench/results.json}.
 */
final class Results {
  static final Path JSON = Path.of("target", "bench", "results.json");

  private record Figure(String section, String key, String label, double value, String unit) {
  }

  private record Verdict(String target, String measured, boolean pass) {
  }

  private final List<Figure> figures = new ArrayList<>();
  private final List<Verdict> verdicts = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final JsonObject machine = new JsonObject();
  private String section = "";

  void section(String name) {
    section = name;
  }

  double add(String key, String label, double value, String unit) {
    figures.add(new Figure(section, key, label, value, unit));
    return value;
  }

  void verdict(String target, String measured, boolean pass) {
    verdicts.add(new Verdict(target, measured, pass));
  }

  void note(String note) {
    notes.add(note);
  }

  JsonObject machine() {
    return machine;
  }

  String header() {
    StringBuilder out = new StringBuilder();
    out.append("\n=== mod-contact-tracing benchmark ===\n");
    machine.forEach(entry -> out.append(String.format("%-22s %s%n", entry.getKey(), entry.getValue())));
    return out.toString();
  }

  String table() {
    StringBuilder out = new StringBuilder(header());
    String current = null;
    for (Figure f : figures) {
      if (!f.section().equals(current)) {
        current = f.section();
        out.append("\n-- ").append(current).append(" --\n");
      }
      out.append(String.format(Locale.ROOT, "  %-62s %14s %s%n", f.label(), number(f.value()), f.unit()));
    }
    out.append("\n-- targets --\n");
    for (Verdict v : verdicts) {
      out.append(String.format("  %-4s  %-58s %s%n", v.pass() ? "PASS" : "MISS", v.target(), v.measured()));
    }
    if (!notes.isEmpty()) {
      out.append("\n-- notes --\n");
      notes.forEach(note -> out.append("  ").append(note).append('\n'));
    }
    return out.toString();
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.1f" : "%.3f", value);
  }

  void write(BenchParameters parameters) throws IOException {
    JsonObject sections = new JsonObject();
    for (Figure f : figures) {
      JsonObject s = sections.getJsonObject(f.section());
      if (s == null) {
        s = new JsonObject();
        sections.put(f.section(), s);
      }
      s.put(f.key(), new JsonObject().put("value", f.value()).put("unit", f.unit()).put("label", f.label()));
    }
    JsonArray targets = new JsonArray();
    verdicts.forEach(v -> targets.add(new JsonObject().put("target", v.target()).put("measured", v.measured())
        .put("verdict", v.pass() ? "PASS" : "MISS")));
    JsonObject json = new JsonObject()
        .put("machine", machine)
        .put("parameters", parameters.toJson())
        .put("figures", sections)
        .put("targets", targets)
        .put("notes", new JsonArray(notes));
    Files.createDirectories(JSON.getParent());
    Files.writeString(JSON, json.encodePrettily());
  }
}
