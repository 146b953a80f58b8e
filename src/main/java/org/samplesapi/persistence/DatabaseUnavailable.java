package org.samplesapi.persistence;

import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Tells a failure of the database being there (down, restarting, unreachable, out of connections) from a failure of
 * the request. The first kind is temporary and answered 503 with {@code Retry-After}; the second is a bug.
 */
public final class DatabaseUnavailable {

    /** SQLSTATEs of a server that is going away, starting up, or full (classes 08 and 57P, and 53300). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** Class 08, but the client's fault (e.g. a wrong number of bind parameters): a bug, not an outage. */
    private static final String PROTOCOL_VIOLATION = "08P01";

    /** The exact words of Vert.x for a pool wait that timed out and for a connection closed or lost under us. */
    private static final Pattern VERTX_CONNECTION_TROUBLE = Pattern.compile(
            "^Timeout$|^Timeout waiting for connection|^Connection is not active now|connection may have been lost"
                    + "|^Connection was closed");

    /**
     * NIO reports a peer that went away while a socket was written as a plain IOException, with the system's words:
     * the pool writing to a server that is stopping.
     */
    private static final Pattern PEER_GONE = Pattern.compile("^(Connection reset by peer|Broken pipe)$");

    private DatabaseUnavailable() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // A failed transaction whose rollback failed too carries both; either may tell.
            if (cause instanceof CompositeException composite
                    && composite.getCauses().stream().anyMatch(DatabaseUnavailable::isCauseOf)) {
                return true;
            }
            if (cause instanceof SocketException || cause instanceof UnknownHostException
                    || cause instanceof ClosedConnectionException
                    || cause instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (cause instanceof java.io.IOException io && io.getMessage() != null
                    && PEER_GONE.matcher(io.getMessage()).matches()) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") && !PROTOCOL_VIOLATION.equals(pg.getSqlState())
                    || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            // Vert.x reports these with bare throwables and plain messages only.
            if ((cause instanceof VertxException || cause instanceof NoStackTraceThrowable) && cause.getMessage() != null
                    && VERTX_CONNECTION_TROUBLE.matcher(cause.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }
}
