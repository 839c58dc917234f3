package org.folio.contacttracing.notice;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.FieldRules;
import org.folio.contacttracing.mandate.Mandate;
import org.folio.contacttracing.platform.html.Html;
import org.folio.contacttracing.settings.Statute;

/**
 * What a visitor is told at the door, from the mandates in force today: at one location, or, without a location,
 * for the whole library, naming the locations where visits are logged.
 *
 * @param location the location asked for, if any
 * @param inForce the mandates in force today: at a location at most one; without a location every one, whatever
 *     locations it covers (mandates in force on one day never share a location)
 * @param statute the state's library-confidentiality statute, when the library has named it in its settings
 */
public record Notice(Optional<String> location, LocalDate date, List<Mandate> inForce, Optional<Statute> statute) {
  static final String PURPOSE = "Your contact details are used only so that public-health officials can reach "
      + "you if you may have been exposed to an infectious disease. They are not used for anything else and are "
      + "kept apart from any record of what you borrow.";
  static final String SHARING = "The list is a confidential library record. It is shared only with public-health "
      + "officials for contact tracing, as the state's library confidentiality law allows, and every disclosure is "
      + "recorded.";
  static final String SHARING_UNDER = "The list is a confidential library record. It is shared only with "
      + "public-health officials for contact tracing, and only as %s allows; every disclosure is recorded.";
  static final String DECLINE = "You may decline to give your details. You will still be served.";

  public Notice {
    inForce = List.copyOf(inForce);
  }

  /** Whether visits are logged today: at the location, or, without one, anywhere in the library. */
  public boolean loggingActive() {
    return !inForce.isEmpty();
  }

  /** Whether a mandate in force today covers every location (one without locations). */
  public boolean loggingAtAllLocations() {
    return inForce.stream().anyMatch(mandate -> mandate.locations().isEmpty());
  }

  /** The locations named by the mandates in force today, sorted; empty when one of them covers all. */
  public List<String> loggingLocations() {
    return loggingAtAllLocations() ? List.of()
        : inForce.stream().flatMap(mandate -> mandate.locations().stream()).distinct().sorted().toList();
  }

  /** The mandate the notice describes in full: the only one in force. */
  private Optional<Mandate> described() {
    return inForce.size() == 1 ? Optional.of(inForce.get(0)) : Optional.empty();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("loggingActive", loggingActive());
    location.ifPresent(l -> json.put("location", l));
    json.put("date", date.toString());
    if (location.isEmpty()) {
      json.put("loggingAtAllLocations", loggingAtAllLocations())
          .put("loggingLocations", new JsonArray(loggingLocations()));
    }
    described().ifPresent(m -> {
      json.put("authority", m.authority().toJson()).put("reference", m.reference());
      m.effectiveUntil().ifPresent(until -> json.put("effectiveUntil", until.toString()));
      json.put("collectedFields", new JsonArray(m.collectedFields().stream().map(ContactField::property).toList()))
          .put("requiredFields", new JsonArray(FieldRules.sorted(m.requiredFields())))
          .put("optionalFields", new JsonArray(FieldRules.sorted(m.fieldRules().optional())))
          .put("requireOneOf", new JsonArray(m.fieldRules().requireOneOf().stream()
              .map(group -> new JsonArray(FieldRules.sorted(group))).toList()))
          .put("retentionDays", m.retentionDays());
    });
    json.put("mayDecline", true).put("purpose", PURPOSE).put("sharing", sharing());
    statute.ifPresent(s -> json.put("statute", s.toJson()));
    return json;
  }

  /** With whom the list is shared: under the statute the library names, else under the state's law. */
  String sharing() {
    return statute.map(s -> SHARING_UNDER.formatted(s.citation())).orElse(SHARING);
  }

  /** {@link #sharing()} for the page: the citation escaped, and a link to the statute's text when there is one. */
  private String sharingHtml() {
    return statute.map(s -> SHARING_UNDER.formatted("<cite>" + escape(s.citation()) + "</cite>")
            + s.url().map(url -> " Read the statute at <a href=\"" + escape(url) + "\">" + escape(url) + "</a>.")
                .orElse(""))
        .orElse(SHARING);
  }

  /** A plain page that prints on paper and reads on a tablet at the door. */
  public String toHtml() {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Visitor log notice</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;max-width:40rem;")
        .append("margin:2rem auto;padding:0 1rem;color:#000;background:#fff}\n")
        .append("h1{font-size:2rem}li{margin:.25rem 0}@media print{body{margin:0;font-size:14pt}}\n")
        .append("</style>\n</head>\n<body>\n<main>\n");
    if (inForce.isEmpty()) {
      html.append("<h1>No visitor log today</h1>\n")
          .append("<p>This library is not logging visitors")
          .append(location.map(l -> " at " + escape(l)).orElse(""))
          .append(" on ").append(date).append(". Nobody will ask for your contact details.</p>\n");
    } else {
      if (location.isEmpty() && !loggingAtAllLocations()) {
        html.append("<h1>Visitor log at some locations</h1>\n")
            .append("<p>On ").append(date).append(" this library logs visitors at these locations:</p>\n<ul>\n")
            .append(loggingLocations().stream().map(l -> "<li>" + escape(l) + "</li>\n").collect(Collectors.joining()))
            .append("</ul>\n<p>Elsewhere nobody will ask for your contact details.</p>\n");
      } else {
        html.append("<h1>Visitor log for contact tracing</h1>\n");
      }
      described().ifPresentOrElse(m -> describe(html, m), () -> inForce.forEach(m -> describeAt(html, m)));
      html.append("<h2>Your choice</h2>\n<p>").append(DECLINE).append("</p>\n")
          .append("<h2>What happens to it</h2>\n<p>").append(PURPOSE).append("</p>\n<p>")
          .append(sharingHtml()).append("</p>\n");
      described().flatMap(Mandate::effectiveUntil)
          .ifPresent(until -> html.append("<p>The order runs until ").append(until).append(".</p>\n"));
    }
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  /** The only mandate in force: who ordered it, what is asked, how long it is kept. */
  private static void describe(StringBuilder html, Mandate m) {
    html.append("<p>We are required to keep a log of visitors by order of <strong>")
        .append(escape(m.authority().name())).append("</strong> (").append(escape(m.reference())).append(").</p>\n")
        .append("<h2>What we ask for</h2>\n<ul>\n")
        .append(asked(m))
        .append("</ul>\n<p>Your details are destroyed ").append(days(m.retentionDays()))
        .append(" after your visit.</p>\n");
  }

  /** One of several mandates in force, each at its own locations. */
  private static void describeAt(StringBuilder html, Mandate m) {
    html.append("<h2>").append(m.locations().isEmpty() ? "At every location" : "At " + m.locations().stream()
            .sorted().map(Notice::escape).collect(Collectors.joining(", "))).append("</h2>\n")
        .append("<p>By order of <strong>").append(escape(m.authority().name())).append("</strong> (")
        .append(escape(m.reference())).append(")")
        .append(m.effectiveUntil().map(until -> ", until " + until).orElse("")).append(".</p>\n")
        .append("<p>We ask for:</p>\n<ul>\n")
        .append(asked(m))
        .append("</ul>\n<p>Your details are destroyed ").append(days(m.retentionDays()))
        .append(" after your visit.</p>\n");
  }

  /**
   * One item per required field, per one-of group and per optional field, saying which it is; a mandate that
   * requires every field it collects is listed as it always was, without the word.
   */
  private static String asked(Mandate m) {
    StringBuilder items = new StringBuilder();
    String required = m.requiredFields().equals(m.collectedFields()) ? "" : " (required)";
    m.collectedFields().stream().filter(m.requiredFields()::contains)
        .forEach(f -> items.append("<li>").append(label(f)).append(required).append("</li>\n"));
    m.fieldRules().requireOneOf().forEach(group -> items.append("<li>").append(group.stream().sorted()
        .map(f -> label(f).toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(" or ")))
        .append(" (at least one of these is required)</li>\n"));
    m.collectedFields().stream().filter(m.fieldRules().optional()::contains)
        .forEach(f -> items.append("<li>").append(label(f)).append(" (optional: you may leave it out)</li>\n"));
    return items.toString();
  }

  private static String days(int days) {
    return days + (days == 1 ? " day" : " days");
  }

  private static String label(ContactField field) {
    return switch (field) {
      case NAME -> "Your name";
      case PHONE -> "A phone number";
      case EMAIL -> "An email address";
      case PARTY_SIZE -> "How many people are with you";
    };
  }

  static String escape(String text) {
    return Html.escape(text);
  }
}
