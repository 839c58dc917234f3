package org.folio.contacttracing.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.settings.Statute;

/**
 * One request to release contact data, as the library accounts for it. Holds no personal data of visitors.
 *
 * @param status as stored: pending, approved, denied or refused; {@link #status(Instant)} adds expired
 * @param statuteProvision the provision of the library-confidentiality statute the request names
 * @param statute a copy of the statute as the settings named it when the request was recorded, so that a later
 *     change of the settings never rewrites what the second person decided on
 */
public record Disclosure(
    UUID id,
    String status,
    Optional<String> refusalReason,
    Recipient recipient,
    String legalBasis,
    Optional<String> statuteProvision,
    Optional<Statute> statute,
    String caseReference,
    Instant from,
    Instant to,
    List<String> locations,
    UUID requestedBy,
    Instant requestedDate,
    Optional<Decision> decision,
    int releaseCount,
    Optional<Release> lastRelease) {

  public static final String PUBLIC_HEALTH_AGENCY = "public-health-agency";
  public static final String NOT_CONTACT_TRACING_PURPOSE = "not_contact_tracing_purpose";

  /** Who asks for the data. */
  public record Recipient(String type, String name, Optional<String> contact) {
  }

  /** The second staff member's decision. */
  public record Decision(String decision, UUID decidedBy, Instant decidedDate, Optional<String> note,
      Optional<Instant> releaseExpiresAt) {
  }

  /** Counts of the last release. */
  public record Release(int entries, int declines, Instant date, UUID releasedBy) {
  }

  /** The status a user sees: an approval whose release window has passed is {@code expired}. */
  public String status(Instant now) {
    if ("approved".equals(status) && decision.flatMap(Decision::releaseExpiresAt).map(e -> !now.isBefore(e))
        .orElse(false)) {
      return "expired";
    }
    return status;
  }

  public JsonObject toJson(Instant now) {
    JsonObject recipientJson = new JsonObject().put("type", recipient.type()).put("name", recipient.name());
    recipient.contact().ifPresent(contact -> recipientJson.put("contact", contact));
    JsonObject json = new JsonObject().put("id", id.toString()).put("status", status(now));
    refusalReason.ifPresent(reason -> json.put("refusalReason", reason));
    json.put("recipient", recipientJson)
        .put("legalBasis", legalBasis);
    statuteProvision.ifPresent(provision -> json.put("statuteProvision", provision));
    statute.ifPresent(s -> json.put("statute", s.toJson()));
    json        .put("caseReference", caseReference)
        .put("from", Timestamps.format(from))
        .put("to", Timestamps.format(to))
        .put("locations", new JsonArray(locations))
        .put("requestedByUserId", requestedBy.toString())
        .put("requestedDate", Timestamps.format(requestedDate));
    decision.ifPresent(d -> {
      json.put("decision", d.decision())
          .put("decidedByUserId", d.decidedBy().toString())
          .put("decidedDate", Timestamps.format(d.decidedDate()));
      d.note().ifPresent(note -> json.put("decisionNote", note));
      d.releaseExpiresAt().ifPresent(expires -> json.put("releaseExpiresAt", Timestamps.format(expires)));
    });
    json.put("releaseCount", releaseCount);
    lastRelease.ifPresent(r -> json.put("entriesReleased", r.entries())
        .put("declinesReleased", r.declines())
        .put("lastReleasedDate", Timestamps.format(r.date()))
        .put("lastReleasedByUserId", r.releasedBy().toString()));
    return json;
  }
}
