package org.samplesapi.persistence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The reactive pool Quarkus configures, with what its configuration does not expose: how long a request waits for a
 * free connection (Vert.x waits 30 s by default) and how long opening one may take, past which the request fails
 * fast with a 503 ({@link DatabaseUnavailable}) instead of hanging; PostgreSQL's lock and statement timeouts for every
 * connection; and a prepared-statement cache that also keeps our longest queries.
 */
@ApplicationScoped
public class DatabasePool implements PgPoolCreator {

    private static final int PREPARED_STATEMENT_SQL_LIMIT = 16 * 1024;

    private final Duration acquireTimeout;
    private final Duration connectTimeout;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private volatile PgConnectOptions connectOptions;
    private volatile Vertx vertx;

    public DatabasePool(@ConfigProperty(name = "samples.db.acquire-timeout", defaultValue = "5S") Duration acquireTimeout,
                        @ConfigProperty(name = "samples.db.connect-timeout", defaultValue = "5S") Duration connectTimeout,
                        @ConfigProperty(name = "samples.db.lock-timeout") Duration lockTimeout,
                        @ConfigProperty(name = "samples.db.statement-timeout") Duration statementTimeout) {
        this.acquireTimeout = acquireTimeout;
        this.connectTimeout = connectTimeout;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    /** How the pool connects (TLS and timeouts included), for a connection of its own; null before the pool exists. */
    PgConnectOptions connectOptions() {
        return connectOptions;
    }

    Vertx vertx() {
        return vertx;
    }

    @Override
    public Pool create(Input input) {
        input.poolOptions()
                .setConnectionTimeout((int) acquireTimeout.toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        input.pgConnectOptionsList().forEach(options -> {
            options.setConnectTimeout((int) connectTimeout.toMillis());
            // Vert.x caches no statement longer than 2 KB by default; the sample context query is longer, and
            // PostgreSQL then planned it on every request (6 ms, against 0.15 ms to run it).
            options.setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT);
            // Sent with the connection's start-up, so no statement is spent on them: a request that waits for a lock
            // or runs a statement longer than this is cancelled and answered 503, and its connection is free again,
            // instead of being pinned for as long as another transaction holds the lock.
            options.addProperty("lock_timeout", String.valueOf(lockTimeout.toMillis()));
            options.addProperty("statement_timeout", String.valueOf(statementTimeout.toMillis()));
        });
        connectOptions = new PgConnectOptions(input.pgConnectOptionsList().get(0));
        vertx = input.vertx();
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
