package org.samplesapi.app;

import static org.samplesapi.web.ErrorMappers.json;
import static org.samplesapi.web.ErrorMappers.unavailable;

import jakarta.ws.rs.core.Response;

import org.hibernate.JDBCException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.samplesapi.persistence.DatabaseUnavailable;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ApiException;

import io.vertx.pgclient.PgException;

/**
 * The last line of defence, where HTTP meets the database: an outage, or a transaction the database aborted to
 * break a deadlock, is a 503 (with Retry-After: the request may be repeated), a unique violation that a check did
 * not catch first (two requests racing for one name) a 409, a value PostgreSQL cannot store a 400; everything else
 * is logged and answered 500. It lives above {@code web} and {@code persistence}, which know nothing of each other.
 */
public class UnexpectedFailures {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailures.class);
    /** lock_not_available: a lock wait longer than lock_timeout. */
    private static final String LOCK_TIMEOUT = "55P03";
    /** query_canceled: a statement longer than statement_timeout. */
    private static final String STATEMENT_TIMEOUT = "57014";

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return unavailable("The database is unavailable; retry shortly.");
        }
        String state = sqlState(e);
        if ("40P01".equals(state) || "40001".equals(state)) {
            // PostgreSQL broke a deadlock or a serialization conflict by aborting this transaction: nothing was
            // written, and the same request may well pass now.
            LOG.warnf("Transaction aborted by the database (%s); the client is asked to retry", state);
            return unavailable(ApiException.COLLIDED);
        }
        if (LOCK_TIMEOUT.equals(state) || STATEMENT_TIMEOUT.equals(state)) {
            // A lock held elsewhere for longer than the connection's lock_timeout, or a statement past its
            // statement_timeout: the transaction is rolled back, and the connection is free again for others.
            LOG.warnf("Statement cancelled by the database (%s); the client is asked to retry", state);
            return unavailable("The request waited too long for the database; retry shortly.");
        }
        if ("23505".equals(state)) {
            return json(new ApiError(409, "Conflict: that value is already taken.", "conflict", null, null));
        }
        if (state != null && state.startsWith("22")) {
            return json(new ApiError(400, "Invalid request: a value cannot be stored.", "validation_failed", null,
                    null));
        }
        LOG.error("Unexpected failure on the request path", e);
        return json(new ApiError(500, "Internal server error.", "internal_error", null, null));
    }

    /** PostgreSQL's SQLSTATE, as the driver reports it or as Hibernate wraps it, or {@code null}. */
    static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (cause instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
        }
        return null;
    }
}
