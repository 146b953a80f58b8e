package org.samplesapi.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak server for the end-to-end tests, started from the distribution Maven unpacked (system property
 * {@code keycloak.dist}) with the realm {@code src/test/resources/keycloak/samples-realm.json}: an in-memory
 * database, a local cache only (no cluster ports), HTTP on a free loopback port, and the host name pinned so that
 * {@code iss} is what the service expects. Tokens come from its real endpoints; keys change through its admin API.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "samples";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startup;

    private KeycloakServer(Process process, int port, Path log, Duration startup) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startup = startup;
    }

    /** Starts Keycloak and waits until the realm answers discovery. */
    public static KeycloakServer start() throws Exception {
        Path home = Path.of(System.getProperty("keycloak.dist", "none"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + " (set keycloak.dist; ./mvnw verify unpacks it)");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/samples-realm.json")) {
            Files.copy(realm, imports.resolve("samples-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = PackagedApp.freePort();
        Path log = Files.createTempFile("keycloak", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start",
                "--db=dev-mem", "--cache=local", "--http-enabled=true", "--hostname-strict=false",
                "--hostname=http://127.0.0.1:" + port, "--http-host=127.0.0.1", "--http-port=" + port,
                "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m"));
        long started = System.nanoTime();
        Process process = builder.start();
        // A test JVM that dies before close() must not leave Keycloak running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }));
        KeycloakServer server = new KeycloakServer(process, port, log, Duration.ZERO);
        try {
            server.awaitDiscovery(Duration.ofMinutes(3));
        } catch (Exception | Error notStarted) {
            server.close();
            throw notStarted;
        }
        return new KeycloakServer(process, port, log, Duration.ofNanos(System.nanoTime() - started));
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    /** From process start to the realm answering discovery. */
    public Duration startup() {
        return startup;
    }

    /** An access token for a user (password grant), through one of the realm's public clients. */
    public String userToken(String client, String username) throws Exception {
        return token(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", username, "password", "pw-" + username));
    }

    /** An access token for a confidential client's service account (client-credentials grant). */
    public String serviceAccountToken(String client, String secret) throws Exception {
        return token(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "client_credentials",
                "client_id", client, "client_secret", secret));
    }

    /** The key id a token was signed with. */
    public static String keyIdOf(String token) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))).path("kid")
                .asText();
    }

    /** The claims of a token, unverified (for test assertions only). */
    public static JsonNode claimsOf(String token) throws IOException {
        String[] parts = token.split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** Adds an RSA signing key of higher priority than the realm's own: new tokens are signed with it. */
    public String addSigningKey(String name, int priority) throws Exception {
        String realmId = admin("GET", "/admin/realms/" + REALM, null).path("id").asText();
        admin("POST", "/admin/realms/" + REALM + "/components", JSON.createObjectNode()
                .put("name", name).put("providerId", "rsa-generated")
                .put("providerType", "org.keycloak.keys.KeyProvider").put("parentId", realmId)
                .set("config", JSON.valueToTree(Map.of("priority", List.of(String.valueOf(priority)),
                        "enabled", List.of("true"), "active", List.of("true"), "algorithm", List.of("RS256"),
                        "keySize", List.of("2048")))));
        return activeKeyId();
    }

    /** Disables a key provider by name: Keycloak stops publishing its keys in the realm's JWKS. */
    public void disableSigningKey(String name) throws Exception {
        JsonNode providers = admin("GET", "/admin/realms/" + REALM
                + "/components?type=org.keycloak.keys.KeyProvider&name=" + name, null);
        for (JsonNode provider : providers) {
            ((ObjectNode) provider.path("config"))
                    .set("enabled", JSON.createArrayNode().add("false"));
            admin("PUT", "/admin/realms/" + REALM + "/components/" + provider.path("id").asText(), provider);
        }
    }

    /** The key id new RS256 tokens are signed with. */
    public String activeKeyId() throws Exception {
        return admin("GET", "/admin/realms/" + REALM + "/keys", null).path("active").path("RS256").asText();
    }

    /** The key ids the realm publishes in its JWKS. */
    public List<String> publishedKeyIds() throws Exception {
        JsonNode jwks = JSON.readTree(send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/certs"))
                .GET()).body());
        return jwks.path("keys").findValuesAsText("kid");
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops Keycloak (SIGTERM, then kill) with every process it started, and waits until its port is closed. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        for (int i = 0; i < 100 && isListening(); i++) {
            Thread.sleep(100);
        }
    }

    /** Whether anything still accepts connections on Keycloak's port. */
    public boolean isListening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException closed) {
            return false;
        } catch (IOException other) {
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    private void awaitDiscovery(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpRequest.Builder discovery = HttpRequest.newBuilder(
                URI.create(issuer() + "/.well-known/openid-configuration")).GET();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped:\n" + log());
            }
            try {
                if (send(discovery).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak did not answer discovery within " + patience + ":\n" + log());
    }

    private String token(String endpoint, Map<String, String> form) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token: " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode admin(String method, String path, JsonNode body) throws Exception {
        String adminToken = token("http://127.0.0.1:" + port + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN,
                        "password", ADMIN_PASSWORD));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
