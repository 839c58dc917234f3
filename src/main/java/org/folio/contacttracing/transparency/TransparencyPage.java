package org.folio.contacttracing.transparency;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.folio.contacttracing.platform.html.Html;
import org.folio.contacttracing.settings.Statute;

/** The transparency report as a page a library can publish as it is: every text escaped, numbers in tables. */
final class TransparencyPage {

  private TransparencyPage() {
  }

  /**
   * @param report the report as transparencyReport.json describes it
   * @param statute the library-confidentiality statute the settings name, cited under the disclosures
   */
  static String html(JsonObject report, Optional<Statute> statute) {
    String period = report.getString("from") + " to " + report.getString("to");
    StringBuilder main = new StringBuilder("<h1>Contact tracing: transparency report</h1>\n")
        .append("<p>From ").append(Html.escape(report.getString("from"))).append(" to ")
        .append(Html.escape(report.getString("to")))
        .append(", in the library's own time zone. The report counts; it names no visitor.</p>\n")
        .append("<h2>Requests for the visitor log</h2>\n");
    var requests = report.getJsonArray("disclosureRequests");
    if (requests.isEmpty()) {
      main.append("<p>No one asked for the visitor log in this period.</p>\n");
    } else {
      main.append("<table>\n<caption>Requests by who asked and what was decided</caption>\n<thead><tr>")
          .append("<th scope=\"col\">Requested by</th><th scope=\"col\">Outcome</th>")
          .append("<th scope=\"col\">Requests</th></tr></thead>\n<tbody>\n");
      for (int i = 0; i < requests.size(); i++) {
        JsonObject row = requests.getJsonObject(i);
        main.append("<tr><td>").append(Html.escape(row.getString("recipientType"))).append("</td><td>")
            .append(Html.escape(row.getString("outcome"))).append("</td><td class=\"n\">")
            .append(row.getLong("count")).append("</td></tr>\n");
      }
      main.append("</tbody>\n</table>\n");
    }
    statute.ifPresent(s -> main.append("<p>Entries are disclosed only as <cite>").append(Html.escape(s.citation()))
        .append("</cite> allows.</p>\n"));
    main.append("<h2>The log in numbers</h2>\n<table>\n<caption>").append(Html.escape(period))
        .append("</caption>\n<tbody>\n");
    row(main, "Entries released to public-health officials", report.getLong("entriesReleased"));
    row(main, "Entries destroyed at the end of their retention", report.getLong("entriesDestroyed"));
    row(main, "Visitors who declined to give their details", report.getLong("declines"));
    row(main, "Check-ins with the authority that ordered logging", report.getLong("mandateReviews"));
    row(main, "Orders to log visitors ended by a check-in", report.getLong("mandatesEndedByReview"));
    row(main, "Paper logs registered", report.getLong("paperLogsRegistered"));
    row(main, "Paper logs shredded", report.getLong("paperLogsShredded"));
    main.append("</tbody>\n</table>\n");
    return Html.page("en", "Contact tracing: transparency report, " + period, main.toString());
  }

  private static void row(StringBuilder main, String label, long count) {
    main.append("<tr><th scope=\"row\">").append(label).append("</th><td class=\"n\">").append(count)
        .append("</td></tr>\n");
  }
}
