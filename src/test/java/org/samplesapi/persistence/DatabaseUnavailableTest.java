package org.samplesapi.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures are the database being away (503, retry) and which are bugs (500): the cases seen in the wild. */
class DatabaseUnavailableTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused", new ConnectException("Connection refused"), true),
                Arguments.of("connection reset", new SocketException("Connection reset"), true),
                // NIO's words when the server went away while the pool wrote to a new connection (a server stopping).
                Arguments.of("reset while writing", new java.io.IOException("Connection reset by peer"), true),
                Arguments.of("broken pipe", new java.io.IOException("Broken pipe"), true),
                Arguments.of("another I/O failure", new java.io.IOException("No space left on device"), false),
                Arguments.of("closed under a query", ClosedConnectionException.INSTANCE, true),
                Arguments.of("pool wait timed out", new NoStackTraceThrowable("Timeout"), true),
                Arguments.of("sql client pool wait", new VertxException("Timeout waiting for connection", true), true),
                Arguments.of("connection lost", new VertxException("Failed to read any response from the server, the"
                        + " underlying connection may have been lost unexpectedly.", true), true),
                Arguments.of("hibernate on a closed connection",
                        new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"), true),
                Arguments.of("shutting down", pg("57P01"), true),
                Arguments.of("starting up", pg("57P03"), true),
                Arguments.of("too many connections", pg("53300"), true),
                Arguments.of("connection failure", pg("08006"), true),
                Arguments.of("wrapped", new CompletionException(new RuntimeException(new ConnectException("x"))), true),
                Arguments.of("failed and failed to roll back", new CompositeException(List.of(
                        new IllegalStateException("HR000090"), new NoStackTraceThrowable("Timeout"))), true),
                Arguments.of("database host unknown", new java.net.UnknownHostException("db"), true),
                Arguments.of("unique violation", pg("23505"), false),
                Arguments.of("protocol violation (a client bug)", pg("08P01"), false),
                Arguments.of("statement used after close", new VertxException("Already closed", true), false),
                Arguments.of("syntax error", pg("42601"), false),
                Arguments.of("a bug", new NullPointerException(), false),
                Arguments.of("another timeout", new NoStackTraceThrowable("Something else"), false),
                Arguments.of("bug after rollback", new CompositeException(List.of(new IllegalStateException("a"),
                        new IllegalArgumentException("b"))), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void tellsAnAbsentDatabaseFromABug(String name, Throwable failure, boolean unavailable) {
        assertEquals(unavailable, DatabaseUnavailable.isCauseOf(failure));
    }

    private static PgException pg(String state) {
        return new PgException("message", "FATAL", state, "detail");
    }
}
