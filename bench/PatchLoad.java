import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import com.sun.net.httpserver.HttpServer;

/**
 * PATCH load benchmark (run by bench/patch-load.sh, which starts PostgreSQL first). Acts as the OIDC issuer (RS256,
 * discovery + JWKS), starts the packaged service in production mode against it, loads bench/patch-data.sql, and
 * sends a mix of authenticated PATCHes at a fixed concurrency: visibility changes (allowed and denied by the
 * organization policies), project moves, tag replacements and attempts on other users' samples. Prints throughput,
 * p50/p90/p99 latency and the status mix per round, then the medians, SQL statements per PATCH, start-to-ready time
 * and RSS.
 */
public class PatchLoad {

    static final String PG = System.getProperty("pg.url");                 // superuser JDBC URL
    static final int APP_PORT = Integer.getInteger("app.port", 8089);
    static final int CONCURRENCY = Integer.getInteger("concurrency", 16);
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final Duration ROUND = Duration.ofSeconds(Long.getLong("round.seconds", 20));
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup.seconds", 20));
    static final String[] VISIBILITIES = {"private", "shared", "public"};
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench");
        HttpServer issuer = startIssuer(key);
        String issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/bench";
        String[] tokens = new String[1000];
        for (int u = 0; u < tokens.length; u++) {
            tokens[u] = token(key, issuerUrl, u);
        }

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(new File("target/bench/service.log"));
        String pgHostPortDb = PG.substring("jdbc:postgresql://".length(), PG.indexOf('?'));
        builder.environment().putAll(Map.of(
                "SAMPLES_DB_URL", "postgresql://" + pgHostPortDb,
                "SAMPLES_DB_USER", "postgres", "SAMPLES_DB_PASSWORD", "postgres",
                "SAMPLES_OIDC_ISSUER", issuerUrl,
                "QUARKUS_HTTP_PORT", String.valueOf(APP_PORT),
                "QUARKUS_LOG_LEVEL", "WARN"));
        long started = System.nanoTime();
        Process service = builder.start();
        try {
            awaitReady();
            double readySeconds = (System.nanoTime() - started) / 1e9;
            try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("bench/patch-data.sql")));
            }
            System.out.printf("service ready in %.1f s; data loaded; %d clients, %d rounds of %d s after %d s warm-up%n",
                    readySeconds, CONCURRENCY, ROUNDS, ROUND.toSeconds(), WARMUP.toSeconds());
            run(tokens, WARMUP);
            resetStatements();
            List<Result> results = new ArrayList<>();
            for (int r = 1; r <= ROUNDS; r++) {
                Result result = run(tokens, ROUND);
                results.add(result);
                System.out.printf("round %d: %s%n", r, result);
            }
            long patches = results.stream().mapToLong(Result::requests).sum();
            System.out.printf("median of rounds: %.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                    median(results.stream().mapToDouble(Result::throughput).toArray()),
                    median(results.stream().mapToDouble(Result::p50).toArray()),
                    median(results.stream().mapToDouble(Result::p90).toArray()),
                    median(results.stream().mapToDouble(Result::p99).toArray()));
            statementsPerPatch(patches);
            System.out.printf("service RSS after the run: %d MiB%n", rssKiB(service.pid()) / 1024);
        } finally {
            service.destroy();
            service.waitFor();
            issuer.stop(0);
        }
    }

    record Result(long requests, double throughput, double p50, double p90, double p99, Map<Integer, Long> statuses) {
        @Override
        public String toString() {
            return String.format("%.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, statuses %s",
                    throughput, p50, p90, p99, statuses);
        }
    }

    /** CONCURRENCY clients, each sending one PATCH after the other for the given time. */
    static Result run(String[] tokens, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            long[] own = new long[200_000];
            latencies.add(own);
            Thread client = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < own.length) {
                    HttpRequest request = next(tokens);
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    own[n++] = System.nanoTime() - t0;
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                own[own.length - 1] = n; // the count, in the last slot
            });
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a, 0, (int) a[a.length - 1])).sorted().toArray();
        Map<Integer, Long> mix = new TreeMap<>();
        statuses.forEach((status, count) -> mix.put(status, count.sum()));
        return new Result(all.length, all.length / (double) length.toSeconds(), pct(all, 50), pct(all, 90), pct(all, 99),
                mix);
    }

    /** One request of the mix, for a random user (user u owns samples 100u..100u+99). */
    static HttpRequest next(String[] tokens) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int user = random.nextInt(tokens.length);
        int dice = random.nextInt(100);
        int owner = dice < 85 ? user : random.nextInt(tokens.length);       // 15%: someone else's sample
        String sample = String.format("%016x", 10_000_000 + owner * 100 + random.nextInt(100));
        String body;
        if (dice < 50) {
            body = "{\"visibility\": \"" + VISIBILITIES[random.nextInt(3)] + "\"}";
        } else if (dice < 70) {
            int project = (user / 2 + random.nextInt(3)) % 500; // often one the user is a member of
            body = random.nextInt(5) == 0 ? "{\"project\": null}"
                    : "{\"project\": {\"$ref\": \"/api/v1/projects/" + String.format("%016x", 2_000_000 + project) + "\"}}";
        } else {
            int tags = random.nextInt(3);
            StringBuilder list = new StringBuilder();
            for (int t = 0; t < tags; t++) {
                list.append(t == 0 ? "" : ", ").append('"')
                        .append(String.format("%016x", 3_000_000 + (user / 5 + t) % 200)).append('"');
            }
            body = "{\"tags\": [" + list + "]}";
        }
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP_PORT + "/api/v1/samples/" + sample))
                .header("Authorization", "Bearer " + tokens[user])
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static void resetStatements() throws Exception {
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Statements the service sent per PATCH during the measured rounds, BEGIN/COMMIT counted apart. */
    static void statementsPerPatch(long patches) throws Exception {
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT coalesce(sum(calls) FILTER (WHERE query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK)'), 0),
                            coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*(BEGIN|COMMIT|ROLLBACK)'), 0)
                     FROM pg_stat_statements WHERE query !~* 'pg_stat_statements'""")) {
            rs.next();
            System.out.printf("SQL per PATCH (all outcomes): %.2f statements + %.2f BEGIN/COMMIT%n",
                    rs.getLong(1) / (double) patches, rs.getLong(2) / (double) patches);
        }
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT calls, round(mean_exec_time::numeric, 2), left(regexp_replace(query, '\s+', ' ', 'g'), 90)
                     FROM pg_stat_statements WHERE query !~* 'pg_stat_statements'
                     ORDER BY total_exec_time DESC LIMIT 5""")) {
            while (rs.next()) {
                System.out.printf("  %7d calls, %8.2f ms mean: %s%n", rs.getLong(1), rs.getDouble(2), rs.getString(3));
            }
        }
    }

    static void awaitReady() throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP_PORT + "/q/health/ready")).build();
        for (int i = 0; i < 1200; i++) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service did not become ready; see target/bench/service.log");
    }

    static HttpServer startIssuer(RsaJsonWebKey key) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/bench";
        String discovery = "{\"issuer\": \"" + realm + "\", \"jwks_uri\": \"" + realm + "/certs\"}";
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        server.createContext("/realms/bench/.well-known/openid-configuration", e -> respond(e, discovery));
        server.createContext("/realms/bench/certs", e -> respond(e, jwks));
        server.start();
        return server;
    }

    static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** User u: subject bench-user-u, organization bench-org-(u % 50); the first user of each organization is its admin. */
    static String token(RsaJsonWebKey key, String issuer, int user) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("bench-user-" + user);
        claims.setAudience("samples-api");
        claims.setExpirationTimeMinutesInTheFuture(240);
        claims.setIssuedAtToNow();
        claims.setClaim("org_id", "bench-org-" + (user % 50));
        claims.setClaim("email", "bench-user-" + user + "@example.org");
        claims.setStringListClaim("groups", user < 50 ? List.of("user", "org_admin") : List.of("user"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    static long rssKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100.0))] / 1e6;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
