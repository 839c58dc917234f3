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
import org.folio.contacttracing.settings.NoticeWording;
import org.folio.contacttracing.settings.Statute;

/**
 * What a visitor is told at the door, from the mandates in force today: at one location, or, without a location,
 * for the whole library, naming the locations where visits are logged.
 *
 * @param location the location asked for, if any
 * @param inForce the mandates in force today: at a location at most one; without a location every one, whatever
 *     locations it covers (mandates in force on one day never share a location)
 * @param statute the state's library-confidentiality statute, when the library has named it in its settings
 * @param language the language the notice is written in
 * @param wording the library's own wording in that language, which wins over the module's texts
 */
public record Notice(Optional<String> location, LocalDate date, List<Mandate> inForce, Optional<Statute> statute,
    NoticeLanguage language, NoticeWording.Wording wording) {
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
    json.put("mayDecline", true).put("purpose", purpose()).put("sharing", sharing());
    statute.ifPresent(s -> json.put("statute", s.toJson()));
    return json;
  }

  private NoticeLanguage.Texts texts() {
    return language.texts();
  }

  /** What the data is used for: the library's wording in the language, else the module's. */
  String purpose() {
    return wording.purpose().orElse(texts().purpose());
  }

  /**
   * With whom the list is shared: the library's wording in the language, else under the statute the library
   * names, else under the state's law.
   */
  String sharing() {
    return wording.sharing()
        .orElseGet(() -> statute.map(s -> texts().sharingUnder().formatted(s.citation())).orElse(texts().sharing()));
  }

  /** {@link #sharing()} for the page: escaped, and a link to the statute's text when there is one. */
  private String sharingHtml() {
    String sharing = wording.sharing().map(Notice::escape)
        .orElseGet(() -> statute.map(s -> texts().sharingUnder().formatted("<cite>" + escape(s.citation()) + "</cite>"))
            .orElse(texts().sharing()));
    return sharing + statute.flatMap(Statute::url)
        .map(url -> texts().readStatute().formatted("<a href=\"" + escape(url) + "\">" + escape(url) + "</a>"))
        .orElse("");
  }

  /** A plain page that prints on paper and reads on a tablet at the door, in the notice's language. */
  public String toHtml() {
    NoticeLanguage.Texts t = texts();
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language.code())
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(t.title()).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;max-width:40rem;")
        .append("margin:2rem auto;padding:0 1rem;color:#000;background:#fff}\n")
        .append("h1{font-size:2rem}li{margin:.25rem 0}@media print{body{margin:0;font-size:14pt}}\n")
        .append("</style>\n</head>\n<body>\n<main>\n");
    if (inForce.isEmpty()) {
      html.append("<h1>").append(t.noLogHeading()).append("</h1>\n<p>")
          .append(location.map(l -> t.notLoggingAt().formatted(escape(l), date))
              .orElseGet(() -> t.notLogging().formatted(date)))
          .append("</p>\n");
    } else {
      if (location.isEmpty() && !loggingAtAllLocations()) {
        html.append("<h1>").append(t.someHeading()).append("</h1>\n")
            .append("<p>").append(t.someIntro().formatted(date)).append("</p>\n<ul>\n")
            .append(loggingLocations().stream().map(l -> "<li>" + escape(l) + "</li>\n").collect(Collectors.joining()))
            .append("</ul>\n<p>").append(t.elsewhere()).append("</p>\n");
      } else {
        html.append("<h1>").append(t.heading()).append("</h1>\n");
      }
      described().ifPresentOrElse(m -> describe(html, t, m), () -> inForce.forEach(m -> describeAt(html, t, m)));
      html.append("<h2>").append(t.choiceHeading()).append("</h2>\n<p>").append(t.decline()).append("</p>\n")
          .append("<h2>").append(t.whatHappensHeading()).append("</h2>\n<p>").append(wording.purpose().map(Notice::escape).orElse(t.purpose()))
          .append("</p>\n<p>").append(sharingHtml()).append("</p>\n");
      described().flatMap(Mandate::effectiveUntil)
          .ifPresent(until -> html.append("<p>").append(t.orderUntil().formatted(until)).append("</p>\n"));
    }
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  /** The only mandate in force: who ordered it, what is asked, how long it is kept. */
  private static void describe(StringBuilder html, NoticeLanguage.Texts t, Mandate m) {
    html.append("<p>").append(t.requiredBy().formatted("<strong>" + escape(m.authority().name()) + "</strong>",
            escape(m.reference()))).append("</p>\n")
        .append("<h2>").append(t.whatWeAskHeading()).append("</h2>\n<ul>\n")
        .append(asked(t, m))
        .append("</ul>\n<p>").append(t.destroyed().formatted(t.days(m.retentionDays()))).append("</p>\n");
  }

  /** One of several mandates in force, each at its own locations. */
  private static void describeAt(StringBuilder html, NoticeLanguage.Texts t, Mandate m) {
    html.append("<h2>").append(m.locations().isEmpty() ? t.everyLocation() : t.atLocations().formatted(m.locations()
            .stream().sorted().map(Notice::escape).collect(Collectors.joining(", ")))).append("</h2>\n")
        .append("<p>").append(t.byOrder().formatted("<strong>" + escape(m.authority().name()) + "</strong>",
            escape(m.reference()), m.effectiveUntil().map(until -> t.byOrderUntil().formatted(until)).orElse("")))
        .append("</p>\n")
        .append("<p>").append(t.weAskFor()).append("</p>\n<ul>\n")
        .append(asked(t, m))
        .append("</ul>\n<p>").append(t.destroyed().formatted(t.days(m.retentionDays()))).append("</p>\n");
  }

  /**
   * One item per required field, per one-of group and per optional field, saying which it is; a mandate that
   * requires every field it collects is listed as it always was, without the word.
   */
  private static String asked(NoticeLanguage.Texts t, Mandate m) {
    StringBuilder items = new StringBuilder();
    String required = m.requiredFields().equals(m.collectedFields()) ? "" : t.required();
    m.collectedFields().stream().filter(m.requiredFields()::contains)
        .forEach(f -> items.append("<li>").append(t.label(f)).append(required).append("</li>\n"));
    m.fieldRules().requireOneOf().forEach(group -> items.append("<li>").append(group.stream().sorted()
        .map(t::labelInGroup).collect(Collectors.joining(t.or())))
        .append(t.oneOf()).append("</li>\n"));
    m.collectedFields().stream().filter(m.fieldRules().optional()::contains)
        .forEach(f -> items.append("<li>").append(t.label(f)).append(t.optional()).append("</li>\n"));
    return items.toString();
  }

  static String escape(String text) {
    return Html.escape(text);
  }
}
