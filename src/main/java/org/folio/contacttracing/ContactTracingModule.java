package org.folio.contacttracing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.folio.contacttracing.contactlog.ContactLogApi;
import org.folio.contacttracing.contactlog.ContactLogStore;
import org.folio.contacttracing.contactlog.DataKeyStore;
import org.folio.contacttracing.contactlog.EntriesUnderMandate;
import org.folio.contacttracing.contactlog.LegacySealUpgrade;
import org.folio.contacttracing.contactlog.VisitReceiptApi;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.decline.DeclineApi;
import org.folio.contacttracing.decline.DeclineStore;
import org.folio.contacttracing.decline.DeclinesUnderMandate;
import org.folio.contacttracing.mandate.LoggingGate;
import org.folio.contacttracing.mandate.MandateApi;
import org.folio.contacttracing.mandate.MandateChange;
import org.folio.contacttracing.mandate.MandateReviewApi;
import org.folio.contacttracing.mandate.MandateReviewStore;
import org.folio.contacttracing.mandate.MandateStore;
import org.folio.contacttracing.notice.NoticeApi;
import org.folio.contacttracing.paperlog.PaperLogApi;
import org.folio.contacttracing.paperlog.PaperLogStore;
import org.folio.contacttracing.paperlog.PaperLogsUnderMandate;
import org.folio.contacttracing.audit.AuditApi;
import org.folio.contacttracing.audit.AuditStore;
import org.folio.contacttracing.disclosure.DisclosureApi;
import org.folio.contacttracing.disclosure.DisclosureReleaseApi;
import org.folio.contacttracing.disclosure.DisclosureStore;
import org.folio.contacttracing.transparency.TransparencyReportApi;
import org.folio.contacttracing.platform.config.DatabaseSettings;
import org.folio.contacttracing.platform.config.ModuleConfig;
import org.folio.contacttracing.platform.db.Database;
import org.folio.contacttracing.platform.db.EmbeddedPostgres;
import org.folio.contacttracing.platform.http.Api;
import org.folio.contacttracing.platform.http.FailureHandler;
import org.folio.contacttracing.platform.http.Feature;
import org.folio.contacttracing.platform.http.OkapiHeaders;
import org.folio.contacttracing.platform.logging.RequestLogContext;
import org.folio.contacttracing.platform.tenant.SchemaMigrations;
import org.folio.contacttracing.platform.tenantapi.TenantApi;
import org.folio.contacttracing.retention.RetentionApi;
import org.folio.contacttracing.retention.RetentionStatusApi;
import org.folio.contacttracing.settings.SettingsApi;
import org.folio.contacttracing.settings.SettingsStore;
import org.folio.contacttracing.visitcount.VisitCountApi;

/**
 * The running module: one Vert.x, one connection pool, one HTTP server, and the features that serve
 * {@code /contact-tracing}. Holds no state between requests, so several instances can run side by side
 * behind Okapi against one PostgreSQL.
 */
public final class ContactTracingModule {
  private static final Logger log = LogManager.getLogger(ContactTracingModule.class);
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final Database database;
  private final HttpServer server;
  private final Api api;
  private final Optional<EmbeddedPostgres> embedded;

  private ContactTracingModule(Vertx vertx, Database database, HttpServer server, Api api,
      Optional<EmbeddedPostgres> embedded) {
    this.vertx = vertx;
    this.database = database;
    this.server = server;
    this.api = api;
    this.embedded = embedded;
  }

  /** Starts the module; without a configured database it first starts the embedded PostgreSQL. */
  public static Future<ContactTracingModule> start(ModuleConfig config) {
    RequestLogContext.install();
    Optional<EmbeddedPostgres> embedded = config.database().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedPostgres.startForModule(config.embeddedDataDirectory(), System.getenv()));
    DatabaseSettings settings = config.database().orElseGet(() -> embedded.orElseThrow().settings());
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)));
    Database database = Database.connect(vertx, settings);
    Router router = Router.router(vertx);
    Api api = routes(vertx, router, database, settings, config);
    return vertx.createHttpServer(new HttpServerOptions().setPort(config.httpPort()))
        .requestHandler(api.requestHandler())
        .listen()
        .map(server -> {
          log.info("mod-contact-tracing listening on port {}", server.actualPort());
          return new ContactTracingModule(vertx, database, server, api, embedded);
        })
        .recover(failure -> {
          embedded.ifPresent(EmbeddedPostgres::close);
          return vertx.close().transform(closed -> Future.failedFuture(failure));
        });
  }

  private static Api routes(Vertx vertx, Router router, Database database, DatabaseSettings settings,
      ModuleConfig config) {
    // the route served in front of the router (Api.postDirect, DirectPost) repeats what these first handlers do:
    // a handler added here for every route must be added there too
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.get("/admin/health").handler(routing -> routing.response()
        .putHeader("Content-Type", "text/plain")
        .end("OK"));
    router.route("/_/*").handler(OkapiHeaders::require);
    router.route("/contact-tracing/*").handler(OkapiHeaders::require);
    Api api = new Api(router, MAX_BODY_BYTES);
    // entries sealed by earlier versions are sealed again after the migrations, with the KEK only the module holds
    new TenantApi(vertx, database.pool(), new SchemaMigrations(vertx, settings), List.of(new LegacySealUpgrade(
        database.pool(), new DataKeyStore(new DataKeyWrapper(config.keys()))))).routes(api);
    List<Feature> features = features(database, config);
    features.forEach(feature -> feature.routes(api));
    vertx.setPeriodic(60_000, tick -> features.forEach(Feature::everyMinute));
    api.loadSchemas();
    router.route().failureHandler(new FailureHandler());
    // a request refused before any route matched, such as a path with malformed percent-encoding
    router.errorHandler(400, routing -> plain(routing, 400, "Bad request"));
    router.errorHandler(404, routing -> plain(routing, 404, "Not found"));
    router.errorHandler(405, routing -> plain(routing, 405, "Method not allowed"));
    return api;
  }

  /** The product, feature by feature. */
  private static List<Feature> features(Database database, ModuleConfig config) {
    Pool pool = database.pool();
    Clock clock = config.clock();
    AuditStore audit = new AuditStore(pool, clock);
    SettingsStore settings = new SettingsStore(pool);
    MandateStore mandates = new MandateStore(pool);
    LoggingGate gate = new LoggingGate(mandates, clock);
    DataKeyStore dataKeys = new DataKeyStore(new DataKeyWrapper(config.keys()));
    ContactLogStore contactLogs = new ContactLogStore(pool, dataKeys);
    DeclineStore declines = new DeclineStore();
    DisclosureStore disclosures = new DisclosureStore(pool);
    PaperLogStore paperLogs = new PaperLogStore();
    // one way a mandate changes, whether by a PUT or by a review with the authority
    MandateChange mandateChange = new MandateChange(mandates, settings, audit, List.of(
        new EntriesUnderMandate(contactLogs, dataKeys, audit), new DeclinesUnderMandate(declines),
        new PaperLogsUnderMandate(paperLogs)));
    return List.of(
        new SettingsApi(settings, audit, clock),
        new MandateApi(mandates, settings, audit, clock, mandateChange),
        new MandateReviewApi(mandates, new MandateReviewStore(pool), mandateChange, settings, audit, clock),
        new ContactLogApi(contactLogs, dataKeys, gate, audit),
        new VisitReceiptApi(contactLogs, settings),
        new DeclineApi(pool, declines, gate),
        new VisitCountApi(contactLogs, settings, clock),
        new NoticeApi(mandates, settings, clock),
        new DisclosureApi(disclosures, settings, audit, clock),
        new DisclosureReleaseApi(disclosures, contactLogs, declines, audit, clock),
        new AuditApi(audit),
        new PaperLogApi(pool, paperLogs, settings, audit, clock),
        new TransparencyReportApi(pool, settings, clock),
        new RetentionApi(pool, settings, contactLogs, dataKeys, declines, paperLogs, audit, clock),
        new RetentionStatusApi(pool, settings, contactLogs, paperLogs, clock));
  }

  private static void plain(RoutingContext routing, int status, String text) {
    routing.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code METHOD path} of every endpoint the module serves, for the contract test. */
  public List<String> routes() {
    return api.declared();
  }

  /** The query parameters each of {@link #routes} takes, for the contract test. */
  public java.util.Map<String, java.util.Set<String>> queryParameters() {
    return api.queryParameters();
  }

  /** Those of {@link #routes} served in front of the router ({@link Api#postDirect}), for their tests. */
  public List<String> directRoutes() {
    return api.direct();
  }

  /** Those of {@link #routes} that need a named staff member ({@code X-Okapi-User-Id}), for the contract test. */
  public List<String> accountableRoutes() {
    return api.accountable();
  }

  /**
   * Stops taking requests, lets requests in flight finish within {@code grace}, closes the pool, then stops
   * Vert.x and the embedded PostgreSQL if this module started it.
   */
  public CompletableFuture<Void> stop(Duration grace) {
    return server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS)
        .transform(closed -> database.close())
        .toCompletionStage().toCompletableFuture()
        .exceptionally(failure -> null)
        // Vert.x is closed from outside its own event loops, which it is shutting down
        .thenComposeAsync(closed -> vertx.close().toCompletionStage())
        .whenComplete((closed, failure) -> embedded.ifPresent(EmbeddedPostgres::close));
  }
}
