package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Backends;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

import com.sun.net.httpserver.HttpServer;

/**
 * The packaged application sends its spans to the OTLP collector named by SAMPLES_OTEL_ENDPOINT, and,
 * without one, to nothing: not even to the default collector address, localhost:4317.
 */
class TraceExportIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Backends backends;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() throws Exception {
        backends = Backends.start();
        settings = backends.settings();
        settings.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        PackagedApp.migrate(settings, Files.createTempFile("samples-trace-migrate", ".log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    void spansGoToTheConfiguredCollector() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Map<String, String> exporting = new HashMap<>(settings);
        exporting.put("SAMPLES_OTEL_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort());
        exporting.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        try (PackagedApp.Running service = PackagedApp.startReady(exporting,
                Files.createTempFile("samples-trace", ".log"))) {
            assertEquals(200, account(service.endpoints().api()));
            String export = received.poll(20, TimeUnit.SECONDS);
            assertTrue(export != null && export.startsWith("POST application/x-protobuf"),
                    "no spans reached the collector: " + export + "\n" + Files.readString(service.log()));
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void withoutACollectorNothingLeaves() throws Exception {
        try (ServerSocket defaultCollector = new ServerSocket()) {
            defaultCollector.bind(new InetSocketAddress("127.0.0.1", 4317));
            defaultCollector.setSoTimeout(3000);
            try (PackagedApp.Running service = PackagedApp.startReady(settings,
                    Files.createTempFile("samples-trace-quiet", ".log"))) {
                assertEquals(200, account(service.endpoints().api()));
                try {
                    defaultCollector.accept().close();
                    throw new AssertionError("the service connected to localhost:4317 without a collector set");
                } catch (SocketTimeoutException nothingCame) {
                    // as it should
                }
                // Nothing is recorded for nobody, yet the request's line names its trace.
                String accessLine = Files.readAllLines(service.log()).stream()
                        .filter(line -> line.contains("\"samples.access\"")).findFirst().orElseThrow();
                assertTrue(accessLine.matches(".*\"traceId\":\"[0-9a-f]{32}\".*")
                        && accessLine.contains("\"sampled\":\"false\""), accessLine);
            }
        }
    }

    private static int account(String api) throws Exception {
        World.User user = new World.User(World.newId(), "sub-trace-" + World.newId(), "trace@example.org", null);
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/account"))
                .header("Authorization", "Bearer " + Tokens.of(user)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
