package org.folio.contacttracing.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.folio.contacttracing.platform.Timestamps;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.Expired;
import org.folio.contacttracing.platform.failure.Invalid;
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
    Status status,
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

  /** The lifecycle: requested (pending, or refused at once), decided by a second person, then expired. */
  public enum Status {
    PENDING("pending"), APPROVED("approved"), DENIED("denied"), REFUSED("refused"), EXPIRED("expired");

    private final String code;

    Status(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static List<String> codes() {
      return Arrays.stream(values()).map(Status::code).toList();
    }

    /** A status as stored; expired is never stored. */
    public static Status stored(String code) {
      return Arrays.stream(values()).filter(s -> s.code.equals(code) && s != EXPIRED).findFirst()
          .orElseThrow(() -> new IllegalStateException("Unknown stored disclosure status"));
    }
  }

  /** Only a public-health agency's request can ever be approved; any other is refused as it is recorded. */
  public static Status requestedBy(String recipientType) {
    return PUBLIC_HEALTH_AGENCY.equals(recipientType) ? Status.PENDING : Status.REFUSED;
  }

  /**
   * Whether a release window ending at {@code expiresAt} is closed at {@code now}: the one statement of expired.
   * SQL states it as {@link #windowClosedSql}.
   */
  public static boolean windowClosed(Instant expiresAt, Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** {@link #windowClosed} in SQL, over two SQL expressions. */
  public static String windowClosedSql(String expiresAt, String now) {
    return "(" + expiresAt + " <= " + now + ")";
  }

  /** The status a user sees: an approval whose release window has passed is {@code expired}. */
  public Status status(Instant now) {
    if (status == Status.APPROVED && decision.flatMap(Decision::releaseExpiresAt).map(e -> windowClosed(e, now))
        .orElse(false)) {
      return Status.EXPIRED;
    }
    return status;
  }

  /** {@link #status(Instant)} in SQL over the disclosure table's columns, {@code d.} prefixed by {@code alias}. */
  public static String statusSql(String alias, String now) {
    return "(CASE WHEN " + alias + "status = 'approved' AND " + windowClosedSql(alias + "release_expires_at", now)
        + " THEN 'expired' ELSE " + alias + "status END)";
  }

  /**
   * The two-person rule: only a pending request can be decided, and only by another staff member than the one
   * who recorded it.
   */
  public void checkDecidableBy(UUID decider) {
    if (status == Status.REFUSED) {
      throw new Conflict("A request from anyone but a public-health agency is refused and can never be "
          + "approved or released");
    }
    if (status != Status.PENDING) {
      throw new Conflict("The request has already been decided");
    }
    if (requestedBy.equals(decider)) {
      throw new Invalid("second_person_required", "X-Okapi-User-Id",
          "The request must be decided by a different staff member than the one who recorded it");
    }
  }

  /** What a decision makes of a pending request. */
  public static Status decidedAs(String decision) {
    return "approve".equals(decision) ? Status.APPROVED : Status.DENIED;
  }

  /** Entries can be released only while an approval's window is open. */
  public void checkReleasable(Instant now) {
    Status seen = status(now);
    if (seen == Status.EXPIRED) {
      throw new Expired("The release window of this disclosure has ended");
    }
    if (seen != Status.APPROVED) {
      throw new Conflict("Only an approved request can be released; this one is " + seen.code());
    }
  }

  public JsonObject toJson(Instant now) {
    JsonObject recipientJson = new JsonObject().put("type", recipient.type()).put("name", recipient.name());
    recipient.contact().ifPresent(contact -> recipientJson.put("contact", contact));
    JsonObject json = new JsonObject().put("id", id.toString()).put("status", status(now).code());
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
