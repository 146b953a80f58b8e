package org.samplesapi.persistence;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;

/**
 * Tells every replica at once that who governs a user changed (a move between organizations, a join): the change's
 * transaction sends a PostgreSQL {@code NOTIFY} that is delivered when it commits, and each replica {@code LISTEN}s on
 * a connection of its own and forgets what it remembered of users. While a replica is not listening (starting,
 * or its connection lost until it reconnects), it must not trust what it remembers: {@link #listening()} says so,
 * and each reconnection forgets everything, since notices may have been missed meanwhile.
 */
@ApplicationScoped
public class GovernanceChannel {

    static final String CHANNEL = "samples_governance";
    /**
     * Sends the notice in the current transaction; it reaches the other replicas when that commits. Counted, so that
     * the statement answers a value (pg_notify answers void).
     */
    public static final String NOTIFY_SQL = "SELECT count(pg_notify('" + CHANNEL + "', CAST(:user AS text)))";
    private static final Logger LOG = Logger.getLogger(GovernanceChannel.class);
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    private final DatabasePool pool;
    private final Instance<Pool> pools;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile PgSubscriber subscriber;
    /** The connection on which LISTEN last took effect: a reconnection is trusted only once it listens too. */
    private volatile PgConnection listenedOn;
    /** Whether the current outage was logged: once per outage, not every second of it. */
    private volatile boolean outageLogged;

    public GovernanceChannel(DatabasePool pool, Instance<Pool> pools) {
        this.pool = pool;
        this.pools = pools;
    }

    /** {@code onChange} runs on every notice, and whenever notices may have been missed. */
    public void onChange(Runnable onChange) {
        listeners.add(onChange);
    }

    /** Whether notices reach this replica now; if not, nothing remembered of users may be trusted. */
    public boolean listening() {
        PgSubscriber current = subscriber;
        PgConnection connection = current == null ? null : current.actualConnection();
        return connection != null && connection == listenedOn;
    }

    void listen(@Observes StartupEvent event) {
        pools.get(); // the pool's creation hands DatabasePool the connect options
        PgSubscriber listener = PgSubscriber.subscriber(pool.vertx(), pool.connectOptions())
                .reconnectPolicy(attempts -> RECONNECT_DELAY_MILLIS);
        listener.channel(CHANNEL)
                .subscribeHandler(ignored -> {
                    listenedOn = listener.actualConnection();
                    if (outageLogged) {
                        outageLogged = false;
                        LOG.info("Listening for governance changes again");
                    }
                    changed(); // (re)connected: notices sent while we were away are lost
                })
                .handler(user -> changed());
        listener.closeHandler(ignored -> {
            listenedOn = null;
            if (subscriber == listener) { // not when the application stops it
                changed();
            }
        });
        subscriber = listener;
        connect(listener);
    }

    /** The subscriber reconnects a connection it lost, but not a first connection that failed: that is ours. */
    private void connect(PgSubscriber listener) {
        listener.connect().onFailure(failure -> {
            if (!outageLogged) {
                outageLogged = true;
                LOG.warnf("Not listening for governance changes (%s); users are read at every request until it"
                        + " listens; retrying every second", failure.getMessage());
            }
            listener.close();
            pool.vertx().setTimer(RECONNECT_DELAY_MILLIS, ignored -> {
                if (subscriber == listener) {
                    connect(listener);
                }
            });
        });
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    @PreDestroy
    void stop() {
        PgSubscriber listener = subscriber;
        subscriber = null;
        if (listener != null) {
            listener.close();
        }
    }
}
