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
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.LocalIssuer;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

import com.sun.net.httpserver.HttpServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application sends its spans to the OTLP collector named by SAMPLES_OTEL_ENDPOINT, and,
 * without one, to nothing: not even to the default collector address, localhost:4317.
 */
class TraceExportIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPostgres postgres;
    private static LocalIssuer issuer;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        issuer = LocalIssuer.start(true);
        settings = PackagedApp.settings(postgres.getPort(), issuer.url());
        settings.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        PackagedApp.migrate(settings, Files.createTempFile("samples-trace-migrate", ".log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (issuer != null) {
            issuer.close();
        }
        if (postgres != null) {
            postgres.close();
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
        Process service = null;
        try {
            int port = PackagedApp.freePort();
            exporting.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            Path log = Files.createTempFile("samples-trace", ".log");
            service = PackagedApp.start(exporting, log);
            PackagedApp.awaitStatus("http://127.0.0.1:" + port + "/q/health/ready", 200, service, log,
                    Duration.ofSeconds(60));
            assertEquals(200, account(port));
            String export = received.poll(20, TimeUnit.SECONDS);
            assertTrue(export != null && export.startsWith("POST application/x-protobuf"),
                    "no spans reached the collector: " + export + "\n" + Files.readString(log));
        } finally {
            PackagedApp.stop(service);
            collector.stop(0);
        }
    }

    @Test
    void withoutACollectorNothingLeaves() throws Exception {
        try (ServerSocket defaultCollector = new ServerSocket()) {
            defaultCollector.bind(new InetSocketAddress("127.0.0.1", 4317));
            defaultCollector.setSoTimeout(3000);
            Map<String, String> quiet = new HashMap<>(settings);
            int port = PackagedApp.freePort();
            quiet.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            Path log = Files.createTempFile("samples-trace-quiet", ".log");
            Process service = PackagedApp.start(quiet, log);
            try {
                PackagedApp.awaitStatus("http://127.0.0.1:" + port + "/q/health/ready", 200, service, log,
                    Duration.ofSeconds(60));
                assertEquals(200, account(port));
                try {
                    defaultCollector.accept().close();
                    throw new AssertionError("the service connected to localhost:4317 without a collector set");
                } catch (SocketTimeoutException nothingCame) {
                    // as it should
                }
            } finally {
                PackagedApp.stop(service);
            }
        }
    }

    private static int account(int port) throws Exception {
        World.User user = new World.User(World.newId(), "sub-trace-" + World.newId(), "trace@example.org", null);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/account"))
                .header("Authorization", "Bearer " + Tokens.of(user)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
