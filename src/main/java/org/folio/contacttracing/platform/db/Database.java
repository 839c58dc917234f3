package org.folio.contacttracing.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.folio.contacttracing.platform.config.DatabaseSettings;

/**
 * The module's one connection pool, shared by all tenants: a tenant's SQL names its schema, so the number
 * of connections stays at {@code DB_MAXPOOLSIZE} per instance however many tenants are enabled.
 */
public final class Database {
  private final Pool pool;
  private final DatabaseSettings settings;

  private Database(Pool pool, DatabaseSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  public static Database connect(Vertx vertx, DatabaseSettings settings) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setUser(settings.username())
        .setPassword(settings.password())
        .setDatabase(settings.database())
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(512);
    if (settings.queryTimeoutMs() > 0) {
      // sent as a start-up parameter, so every statement of every connection is bounded
      connect.setProperties(Map.of("statement_timeout", Integer.toString(settings.queryTimeoutMs()),
          "application_name", "mod-contact-tracing"));
    }
    settings.serverPem().ifPresent(pem -> connect
        .setSslMode(SslMode.VERIFY_FULL)
        .setSslOptions(new ClientSSLOptions()
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem)))
            .setEnabledSecureTransportProtocols(java.util.Set.of("TLSv1.3"))));
    PoolOptions poolOptions = new PoolOptions()
        .setMaxSize(settings.maxPoolSize())
        .setMaxWaitQueueSize(1_000)
        .setConnectionTimeout(10)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS);
    if (settings.connectionReleaseDelayMs() > 0) {
      poolOptions.setIdleTimeout(settings.connectionReleaseDelayMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    Pool pool = PgBuilder.pool().with(poolOptions).connectingTo(connect).using(vertx).build();
    return new Database(pool, settings);
  }

  public Pool pool() {
    return pool;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  public Future<Void> close() {
    return pool.close();
  }
}
