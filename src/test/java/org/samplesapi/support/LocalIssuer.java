package org.samplesapi.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OIDC issuer for a packaged application the test starts itself: discovery always, and the key {@link Tokens}
 * signs with while {@link #keysReachable(boolean)} says so (otherwise its key endpoint answers 503).
 */
public final class LocalIssuer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicBoolean keysReachable;

    private LocalIssuer(HttpServer server, AtomicBoolean keysReachable) {
        this.server = server;
        this.keysReachable = keysReachable;
    }

    public static LocalIssuer start(boolean keysReachable) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicBoolean reachable = new AtomicBoolean(keysReachable);
        String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
        String discovery = "{\"issuer\": \"" + Tokens.ISSUER + "\", \"jwks_uri\": \"" + realm + "/certs\"}";
        String jwks;
        try (InputStream key = LocalIssuer.class.getResourceAsStream("/publicKey.jwk")) {
            jwks = "{\"keys\": [" + new String(key.readAllBytes(), StandardCharsets.UTF_8) + "]}";
        }
        server.createContext("/realms/test/.well-known/openid-configuration", exchange -> respond(exchange, 200,
                discovery));
        server.createContext("/realms/test/certs", exchange -> respond(exchange,
                reachable.get() ? 200 : 503, reachable.get() ? jwks : "{}"));
        server.start();
        return new LocalIssuer(server, reachable);
    }

    /** The value of SAMPLES_OIDC_ISSUER. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    }

    public void keysReachable(boolean reachable) {
        keysReachable.set(reachable);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
