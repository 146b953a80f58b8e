package org.samplesapi.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The access log writes one line per request with its method, route template, status, duration, request id and trace
 * id, and nothing that identifies the caller; turned off, it installs nothing.
 */
@QuarkusTest
class AccessLogHttpTest {

    private final List<Map<String, String>> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord ext = (ExtLogRecord) record;
            lines.add(Map.of("message", ext.getFormattedMessage(), "mdc", ext.getMdcCopy().toString(),
                    "method", String.valueOf(ext.getMdc("method")), "route", String.valueOf(ext.getMdc("route")),
                    "status", String.valueOf(ext.getMdc("status")), "durationMs", String.valueOf(ext.getMdc("durationMs")),
                    "requestId", String.valueOf(ext.getMdc("requestId")), "traceId", String.valueOf(ext.getMdc("traceId")),
                    "clientRequestId", String.valueOf(ext.getMdc("clientRequestId"))));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private Level configured;

    @BeforeEach
    void listen() {
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        configured = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        logger.removeHandler(capture);
        logger.setLevel(configured);
    }

    @Test
    void aRequestIsOneLineWithItsRouteTemplateAndNothingOfTheCaller() throws Exception {
        User owner = World.user(World.openOrg());
        String sample = World.sample(owner, "private");
        String token = Tokens.of(owner);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(token).header("X-Request-Id", "access-log-test-1")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").contentType(ContentType.JSON)
                .body("{\"visibility\": \"shared\"}").patch("/api/v1/samples/{id}", sample).then().statusCode(200);
        List<Map<String, String>> mine = awaitLines("access-log-test-1");
        assertEquals(1, mine.size(), lines.toString());
        Map<String, String> line = mine.get(0);
        assertEquals("PATCH", line.get("method"));
        assertEquals("/api/v1/samples/{id}", line.get("route"));
        assertEquals("200", line.get("status"));
        assertTrue(Double.parseDouble(line.get("durationMs")) >= 0, line.toString());
        assertEquals(traceId, line.get("traceId"), "the line carries the request's trace");
        assertTrue(line.get("requestId").matches("[0-9a-f]{8}-[0-9a-f-]{27}"), "and the id the service made: " + line);
        String everything = line.toString();
        for (String secret : List.of(sample, token, owner.subject(), owner.email(), owner.id())) {
            assertFalse(everything.contains(secret), "the access log line holds " + secret + ": " + everything);
        }
    }

    @Test
    void aPathNoRouteMatchesIsNotWrittenOut() throws Exception {
        int status = given().auth().oauth2(Tokens.of(World.user(World.openOrg())))
                .header("X-Request-Id", "access-log-test-2").get("/api/v1/nothing-here/5a00000000000001").statusCode();
        Map<String, String> line = awaitLines("access-log-test-2").get(0);
        assertEquals("unmatched", line.get("route"));
        assertEquals(String.valueOf(status), line.get("status"));
    }

    @Test
    void turnedOffItInstallsNothing() {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            new AccessLog().install(router, () -> false);
            assertTrue(router.getRoutes().isEmpty());
            new AccessLog().install(router, () -> true);
            assertEquals(1, router.getRoutes().size());
        } finally {
            vertx.close();
        }
    }

    /** The line is written once the response has been sent, which may be just after the client has it. */
    private List<Map<String, String>> awaitLines(String requestId) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            List<Map<String, String>> mine = lines.stream().filter(l -> requestId.equals(l.get("clientRequestId"))).toList();
            if (!mine.isEmpty()) {
                Thread.sleep(50);
                return lines.stream().filter(l -> requestId.equals(l.get("clientRequestId"))).toList();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access log line for " + requestId + ": " + lines);
    }
}
