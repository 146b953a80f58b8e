package org.samplesapi.tracing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;

/**
 * A PATCH is one trace: its server span continues the caller's W3C traceparent, and the SQL statements it ran are
 * spans beneath it. No span attribute holds the token or anything that identifies the caller.
 */
@QuarkusTest
class TracingHttpTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aPatchIsAServerSpanWithItsSqlBeneathAndNothingOfTheCaller() throws Exception {
        User owner = World.user(World.openOrg());
        String sample = World.sample(owner, "private");
        String token = Tokens.of(owner);
        String traceId = hex(16);
        String callerSpanId = hex(8);
        given().auth().oauth2(token).header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType(ContentType.JSON).body("{\"visibility\": \"shared\"}")
                .patch("/api/v1/samples/{id}", sample).then().statusCode(200);

        List<SpanData> trace = awaitTrace(traceId);
        SpanData server = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst()
                .orElseThrow(() -> new AssertionError("no server span: " + trace));
        assertEquals(callerSpanId, server.getParentSpanId(), "the caller's traceparent is continued");
        List<SpanData> sql = trace.stream().filter(span -> span.getKind() == SpanKind.CLIENT)
                .filter(span -> attribute(span, "db.statement") != null).toList();
        assertFalse(sql.isEmpty(), "no SQL spans: " + names(trace));
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, span -> span));
        for (SpanData statement : sql) {
            assertTrue(descendsFrom(statement, server, byId), statement.getName() + " is not beneath the server span");
        }
        assertTrue(sql.stream().anyMatch(span -> attribute(span, "db.statement").startsWith("update samples")),
                "the sample's update is one of the statements: " + names(sql));
        assertEquals("redacted", attribute(server, "client.address"), "the caller's address is personal data");
        for (SpanData span : trace) {
            String attributes = span.getAttributes().asMap().toString();
            for (String secret : List.of(token, token.substring(token.lastIndexOf('.') + 1), owner.email(),
                    owner.subject())) {
                assertFalse(attributes.contains(secret), span.getName() + " holds personal data: " + attributes);
            }
        }
    }

    /**
     * The caller connects from an address of its own, so that any attribute naming it, set when the span starts or
     * when it ends, is the caller's and not the database's.
     */
    private static final String CLIENT_ADDRESS = "127.0.0.2";

    @Test
    void theCallersAddressIsInNoAttributeOfAnySpan() throws Exception {
        User owner = World.user(World.openOrg());
        String traceId = hex(16);
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.route.local-address", InetAddress.getByName(CLIENT_ADDRESS))))
                .auth().oauth2(Tokens.of(owner)).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .get("/api/v1/account").then().statusCode(200);

        assertNoSpanNames(awaitTrace(traceId), CLIENT_ADDRESS);
    }

    private static void assertNoSpanNames(List<SpanData> trace, String address) {
        for (SpanData span : trace) {
            span.getAttributes().forEach((key, value) -> assertFalse(String.valueOf(value).contains(address),
                    span.getName() + " names the caller's address in " + key + ": " + span.getAttributes()));
        }
    }

    private List<SpanData> awaitTrace(String traceId) throws InterruptedException {
        List<SpanData> trace = List.of();
        for (int i = 0; i < 100; i++) {
            trace = spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
            if (trace.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER)) {
                return trace;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no server span for trace " + traceId + ": " + names(trace));
    }

    private static boolean descendsFrom(SpanData span, SpanData ancestor, Map<String, SpanData> byId) {
        for (SpanData at = span; at != null; at = byId.get(at.getParentSpanId())) {
            if (at.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    private static String attribute(SpanData span, String key) {
        return Optional.ofNullable(span.getAttributes().asMap().entrySet().stream()
                .filter(entry -> entry.getKey().getKey().equals(key)).map(entry -> String.valueOf(entry.getValue()))
                .findFirst().orElse(null)).orElse(null);
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(span -> span.getKind() + " " + span.getName()).toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
