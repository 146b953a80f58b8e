package org.samplesapi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.junit.jupiter.api.Test;
import org.samplesapi.web.ApiError;

import io.vertx.pgclient.PgException;

/**
 * What reaches the last line of defence from PostgreSQL, through the driver or wrapped by Hibernate Reactive: a
 * transaction aborted to break a deadlock is a 503 to retry, a racing duplicate a 409, a value PostgreSQL cannot
 * store a 400, anything else a 500. Pure: no Quarkus.
 */
class UnexpectedFailuresTest {

    private final UnexpectedFailures mapper = new UnexpectedFailures();

    @Test
    void aDuplicateIsAConflictWhetherTheDriverOrHibernateReportsIt() {
        assertEquals(409, status(new RuntimeException(new PgException("dup", "ERROR", "23505", "detail"))));
        assertEquals(409, status(new RuntimeException(new ConstraintViolationException("dup",
                new SQLException("dup", "23505"), "projects_owner_project_name_key"))));
    }

    @Test
    void aValuePostgresCannotStoreIsBadInput() {
        assertEquals(400, status(new DataException("bad", new SQLException("bad", "22023"))));
        assertEquals(400, status(new PgException("bad", "ERROR", "22P02", "detail")));
    }

    @Test
    void aTransactionTheDatabaseAbortedMayBeRetried() {
        var deadlock = mapper.unexpected(new DataException("deadlock", new SQLException("deadlock", "40P01")));
        assertEquals(503, deadlock.getStatus());
        assertEquals("5", deadlock.getHeaderString("Retry-After"));
        assertEquals(503, status(new PgException("conflict", "ERROR", "40001", "detail")));
    }

    @Test
    void anythingElseIsAnInternalError() {
        assertEquals(500, status(new IllegalStateException("bug")));
        assertEquals(500, status(new DataException("undefined", new SQLException("undefined", "42703"))));
    }

    private int status(Throwable failure) {
        return ((ApiError) mapper.unexpected(failure).getEntity()).status();
    }
}
