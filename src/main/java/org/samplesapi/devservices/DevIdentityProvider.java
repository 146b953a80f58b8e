package org.samplesapi.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Dev mode's identity provider: a real OIDC issuer (discovery, JWKS, RS256-signed access tokens) for the demo users,
 * with the organization claim and roles the built-in OIDC dev service cannot add. The service verifies its tokens
 * exactly as in production. Listens on localhost only; its key lives as long as the JVM.
 *
 * <ul>
 * <li>{@code GET  /token/<user>}: an access token as plain text, for {@code TOKEN=$(curl -s ...)}</li>
 * <li>{@code POST /realms/samples/protocol/openid-connect/token}: the standard password grant (any password)</li>
 * </ul>
 */
final class DevIdentityProvider {

    static final String REALM_PATH = "/realms/samples";
    static final String AUDIENCE = "samples-api";
    private static final String PORT_PROPERTY = "samples.dev.identity-provider.port";
    private static final long LIFESPAN_SECONDS = 3600;
    private static final Logger LOG = Logger.getLogger(DevIdentityProvider.class);

    private final String issuer;
    private final RsaJsonWebKey key;
    private final Properties users;

    private DevIdentityProvider(String issuer, RsaJsonWebKey key, Properties users) {
        this.issuer = issuer;
        this.key = key;
        this.users = users;
    }

    /** Starts the provider once per JVM (Quarkus reads configuration in several class loaders) and returns its issuer. */
    static synchronized String issuer(int port) {
        String known = System.getProperty(PORT_PROPERTY);
        if (known != null) {
            return issuerAt(Integer.parseInt(known));
        }
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(UUID.randomUUID().toString());
            DevIdentityProvider provider = new DevIdentityProvider(issuerAt(port), key, demoUsers());
            provider.token("alice"); // loads every class signing needs now, while this class loader is open
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", provider::handle);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "dev-identity-provider");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            System.setProperty(PORT_PROPERTY, Integer.toString(port));
            LOG.infof("Dev mode: identity provider for the demo users at %s (token: curl -s http://localhost:%d/token/alice)",
                    provider.issuer, port);
            return provider.issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the dev identity provider on port " + port
                    + "; set samples.dev.identity-provider.port to a free port", e);
        } catch (JoseException e) {
            throw new IllegalStateException("Could not create the dev identity provider's key", e);
        }
    }

    private static String issuerAt(int port) {
        return "http://localhost:" + port + REALM_PATH;
    }

    private static Properties demoUsers() throws IOException {
        Properties users = new Properties();
        try (InputStream in = DevIdentityProvider.class.getResourceAsStream("/dev/demo-users.properties")) {
            if (in == null) {
                throw new IOException("dev/demo-users.properties is missing");
            }
            users.load(in);
        }
        return users;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(REALM_PATH + "/.well-known/openid-configuration")) {
                respond(exchange, 200, "application/json", discovery());
            } else if (method.equals("GET") && path.equals(REALM_PATH + "/protocol/openid-connect/certs")) {
                respond(exchange, 200, "application/json",
                        new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            } else if (method.equals("GET") && path.startsWith("/token/")) {
                String user = path.substring("/token/".length());
                String token = token(user);
                respond(exchange, token == null ? 404 : 200, "text/plain",
                        token == null ? unknownUser(user) : token + "\n");
            } else if (method.equals("POST") && path.equals(REALM_PATH + "/protocol/openid-connect/token")) {
                Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                String token = "password".equals(form.get("grant_type")) ? token(form.get("username")) : null;
                respond(exchange, token == null ? 400 : 200, "application/json", token == null
                        ? json(Map.of("error", "invalid_grant", "error_description", unknownUser(form.get("username"))))
                        : json(Map.of("access_token", token, "token_type", "Bearer", "expires_in", LIFESPAN_SECONDS)));
            } else {
                respond(exchange, 404, "application/json", json(Map.of("error", "not_found")));
            }
        } catch (JoseException | RuntimeException e) {
            LOG.warn("Dev identity provider failed a request", e);
            respond(exchange, 500, "application/json", json(Map.of("error", "server_error")));
        }
    }

    private String unknownUser(String user) {
        return "Unknown demo user '" + user + "'; try one of " + demoUserNames();
    }

    private List<String> demoUserNames() {
        return users.stringPropertyNames().stream().map(name -> name.substring(0, name.indexOf('.')))
                .distinct().sorted().toList();
    }

    /** A signed access token for a demo user, or {@code null} for an unknown one. */
    String token(String user) throws JoseException {
        if (user == null || users.getProperty(user + ".email") == null) {
            return null;
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(user);
        claims.setAudience(AUDIENCE);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(LIFESPAN_SECONDS / 60f);
        claims.setGeneratedJwtId();
        claims.setClaim("preferred_username", user);
        claims.setClaim("email", users.getProperty(user + ".email"));
        claims.setClaim("email_verified", true);
        String org = users.getProperty(user + ".org", "");
        if (!org.isBlank()) {
            claims.setClaim("org_id", org);
        }
        claims.setStringListClaim("groups", Arrays.stream(users.getProperty(user + ".roles", "user").split(","))
                .map(String::trim).filter(role -> !role.isEmpty()).toList());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private String discovery() {
        Map<String, Object> document = new HashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
        document.put("token_endpoint", issuer + "/protocol/openid-connect/token");
        document.put("grant_types_supported", List.of("password"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("response_types_supported", List.of("token"));
        return json(document);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String json(Map<String, ?> values) {
        return JsonUtil.toJson(values);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
