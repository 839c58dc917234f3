package org.folio.contacttracing.contactlog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.html.Html;
import org.folio.contacttracing.settings.LegalCounsel;

/**
 * What the desk prints for a visitor after recording the visit: the names of the fields recorded (never their
 * values), the location and slot, when the entry is destroyed, how to decline next time and whom to ask. It holds
 * no personal data, so the desk, which cannot read entries, may print it.
 *
 * @param recordedFields the fields the entry holds, by name
 *     when a visit is recorded (the sealed details are never opened for a receipt)
 * @param zone the library's time zone, in which the page states times
 * @param ask the library's legal counsel's office, when the settings name it
 */
public record VisitReceipt(UUID id, String location, TimeBucket bucket, Instant destroyAfter,
    List<ContactField> recordedFields, ZoneId zone, Optional<LegalCounsel> ask) {
  static final String DECLINE = "Next time you may decline to give your details: say so at the desk. You will "
      + "still be served, and only the fact that someone declined is counted.";
  static final String ASK_DESK = "Ask the staff at the desk to put you in touch with the library's privacy officer.";
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  public VisitReceipt {
    recordedFields = List.copyOf(recordedFields);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("location", location)
        .put("visitedAt", Timestamps.format(bucket.start()))
        .put("visitedUntil", Timestamps.format(bucket.end()))
        .put("destroyAfter", Timestamps.format(destroyAfter))
        .put("recordedFields", new JsonArray(recordedFields.stream().map(ContactField::property).toList()))
        .put("howToDecline", DECLINE);
    ask.ifPresentOrElse(counsel -> json.put("whomToAsk", counsel.toJson()), () -> json.put("whomToAskText", ASK_DESK));
    return json;
  }

  /** A slip the desk prints: one short page, no value a visitor gave. */
  public String toHtml() {
    StringBuilder main = new StringBuilder("<h1>Your visit was logged</h1>\n")
        .append("<p>Visit reference: <code>").append(id).append("</code></p>\n")
        .append("<h2>What we recorded</h2>\n<ul>\n")
        .append(recordedFields.stream().map(f -> "<li>" + f.receiptLabel() + "</li>\n").collect(Collectors.joining()))
        .append("</ul>\n<p>The time of your visit is kept only as the slot below, not to the minute.</p>\n")
        .append("<dl>\n<dt>Location</dt><dd>").append(Html.escape(location)).append("</dd>\n")
        .append("<dt>Slot</dt><dd>").append(DAY_TIME.format(bucket.start().atZone(zone))).append(" to ")
        .append(TIME.format(bucket.end().atZone(zone))).append(" (").append(Html.escape(zone.getId()))
        .append(")</dd>\n<dt>Destroyed after</dt><dd>").append(DAY_TIME.format(destroyAfter.atZone(zone)))
        .append(" (").append(Html.escape(zone.getId())).append(")</dd>\n</dl>\n")
        .append("<h2>Next time</h2>\n<p>").append(DECLINE).append("</p>\n")
        .append("<h2>Questions</h2>\n");
    ask.ifPresentOrElse(counsel -> {
      main.append("<p>Ask the library's ").append(Html.escape(counsel.office())).append(".</p>\n");
      if (counsel.phone().isPresent() || counsel.email().isPresent()) {
        main.append("<ul>\n");
        counsel.phone().ifPresent(p -> main.append("<li>Phone: ").append(Html.escape(p)).append("</li>\n"));
        counsel.email().ifPresent(e -> main.append("<li>Email: ").append(Html.escape(e)).append("</li>\n"));
        main.append("</ul>\n");
      }
    }, () -> main.append("<p>").append(ASK_DESK).append("</p>\n"));
    return Html.page("en", "Your visit was logged", main.toString());
  }
}
