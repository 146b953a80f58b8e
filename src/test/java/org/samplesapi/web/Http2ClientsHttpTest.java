package org.samplesapi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients that ask for HTTP/2, as Java's own HttpClient does by default (an h2c upgrade), get their writes done. The
 * service reads some bodies before Quarkus REST does (the body limit without a Content-Length, the fingerprint of an
 * Idempotency-Key), and Quarkus REST then pauses the finished request, which Vert.x refuses for HTTP/2 (quarkusio/quarkus
 * #34393): the service answers in HTTP/1.1 (application.properties, quarkus.http.http2).
 */
@QuarkusTest
class Http2ClientsHttpTest {

    private static final HttpClient HTTP2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    @TestHTTPResource("/api/v1/samples")
    URL samples;

    private final User owner = World.user(World.openOrg());

    @Test
    void aPreuploadWithAnIdempotencyKeyIsDone() throws Exception {
        HttpResponse<String> created = HTTP2.send(HttpRequest.newBuilder(URI.create(samples + "/preupload"))
                .header("Authorization", "Bearer " + Tokens.of(owner)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\": {\"name\": \"h2c\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, Db.count("SELECT count(*) FROM samples WHERE owner_id = ?", owner.id()));
    }

    @Test
    void aPatchWithoutContentLengthIsDone() throws Exception {
        String sample = World.sample(owner, "private");
        byte[] body = "{\"visibility\": \"shared\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> changed = HTTP2.send(HttpRequest.newBuilder(URI.create(samples + "/" + sample))
                .header("Authorization", "Bearer " + Tokens.of(owner)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", sample));
    }
}
