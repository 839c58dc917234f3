package org.folio.contacttracing.notice;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.folio.contacttracing.mandate.MandateLookup;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.Locations;
import org.folio.contacttracing.platform.http.RequestContext;
import org.folio.contacttracing.platform.http.Response;
import org.folio.contacttracing.settings.TenantSettings;

/** {@code /contact-tracing/notice}: the privacy notice for today, as JSON or as a printable page. */
public final class NoticeApi implements Feature {
  private final MandateLookup mandates;
  private final TenantSettings settings;
  private final Clock clock;

  public NoticeApi(MandateLookup mandates, TenantSettings settings, Clock clock) {
    this.mandates = mandates;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void routes(Api api) {
    api.get("/contact-tracing/notice", Set.of("location", "lang"), this::get);
  }

  private Future<Response> get(RequestContext request) {
    Optional<String> location = request.query().string("location").map(Locations::require);
    boolean html = request.accepts("text/html");
    NoticeLanguage language = NoticeLanguage.choose(request.query().string("lang"), request.header("Accept-Language"));
    return settings.get(request.tenant()).compose(s -> {
      LocalDate today = s.today(clock);
      // without a location, every mandate in force today, so that a branch's logging is never denied
      return (location.isPresent()
          ? mandates.findInForce(request.tenant(), location.get(), today).map(mandate -> mandate.stream().toList())
          : mandates.findAllInForce(request.tenant(), today))
          .map(inForce -> new Notice(location, today, inForce, s.statute(), language,
              s.noticeWording().in(language.code())));
    }).map(notice -> (html
        ? Response.of(200, "text/html; charset=utf-8", notice.toHtml())
        : Response.ok(notice.toJson())).withHeader("Content-Language", language.code()));
  }
}
