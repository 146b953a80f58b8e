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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * PATCH load benchmark (run by bench/patch-load.sh, which starts PostgreSQL, builds the peer and compiles the baseline
 * first). Acts as the OIDC issuer (RS256, discovery + JWKS), starts the packaged service in production mode, the
 * textbook peer (bench/peer) and the raw Vert.x baseline (BaselineServer) against it, loads bench/patch-data.sql, and
 * sends to each in turn, the order rotating every round, a mix of authenticated PATCHes at a fixed concurrency:
 * visibility changes (allowed and denied by the organization policies), project moves, tag replacements and attempts
 * on other users' samples. Each server is first warmed up until its throughput stops rising. Prints throughput,
 * p50/p90/p99 latency and the status mix per round, then per server the medians, SQL statements per PATCH (over the
 * mix, and for an accepted visibility change alone), CPU per PATCH, start-to-ready time and RSS, and the ratios of the
 * servers beside the gates.
 */
public class PatchLoad {

    static final String PG = System.getProperty("pg.url");                 // superuser JDBC URL
    static final int APP_PORT = Integer.getInteger("app.port", 8089);
    /** The service's management interface, where its readiness is asked. */
    static final int MANAGEMENT_PORT = Integer.getInteger("management.port", 9089);
    static final int BASELINE_PORT = Integer.getInteger("baseline.port", 8090);
    static final int PEER_PORT = Integer.getInteger("peer.port", 8091);
    /** The service once more, with per-replica rate limits, when asked (-Dreplica.limits=true). */
    static final boolean REPLICA_LIMITS = Boolean.getBoolean("replica.limits");
    static final int REPLICA_LIMITS_PORT = Integer.getInteger("replica.limits.port", 8092);
    static final int REPLICA_LIMITS_MANAGEMENT_PORT = Integer.getInteger("replica.limits.management.port", 9092);
    static final int PEER_MANAGEMENT_PORT = Integer.getInteger("peer.management.port", 9091);
    static final boolean BASELINE = Boolean.parseBoolean(System.getProperty("baseline", "true"));
    static final boolean PEER = Boolean.parseBoolean(System.getProperty("peer", "true"));
    static final boolean IMAGE_SETTINGS = Boolean.parseBoolean(System.getProperty("image.settings", "true"));
    static final int CONCURRENCY = Integer.getInteger("concurrency", 16);
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final Duration ROUND = Duration.ofSeconds(Long.getLong("round.seconds", 20));
    /** The most warm-up a server gets; it ends earlier once its throughput is steady. */
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup.seconds", 180));
    static final Duration WARMUP_ROUND = Duration.ofSeconds(Long.getLong("warmup.round.seconds", 10));
    /** STEADY_ROUNDS warm-up rounds in a row within this share of their mean: the server is steady. */
    static final double STEADY = 0.05;
    static final int STEADY_ROUNDS = 4;
    /**
     * The JVM options of the JVM image (src/main/docker/Dockerfile.jvm: its run-java.sh with the image's
     * GC_CONTAINER_OPTIONS, JAVA_MAX_MEM_RATIO and GC_MAX_METASPACE_SIZE), under the 384 MiB memory limit of
     * k8s/components/jvm: MaxRAM stands for the container's limit, from which the JVM sizes its heap.
     */
    static final List<String> IMAGE_JVM_OPTIONS = List.of("-XX:MaxRAM=384m", "-XX:MaxRAMPercentage=40.0",
            "-XX:InitialRAMPercentage=10",
            "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4",
            "-XX:AdaptiveSizePolicyWeight=90", "-XX:MaxMetaspaceSize=128m", "-XX:+ExitOnOutOfMemoryError");
    /** The service's Leyden AOT cache, recorded when the jar was built on Java 25 (pom profile aot-cache). */
    static final Path AOT_CACHE = Path.of("target/quarkus-app/app.aot");
    static final String PEER_JAR = "bench/peer/target/quarkus-app/quarkus-run.jar";
    static final String[] VISIBILITIES = {"private", "shared", "public"};
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A server under load: the service, the peer or the baseline, its process, and what was measured of it. */
    static final class Target {
        final String name;
        final int port;
        final Process process;
        final double readySeconds;
        final List<Result> results = new ArrayList<>();
        long statements;
        long transactionStatements;
        long cpuTicks;
        String visibilityPatch = "";
        String topStatements = "";

        Target(String name, int port, Process process, double readySeconds) {
            this.name = name;
            this.port = port;
            this.process = process;
            this.readySeconds = readySeconds;
        }

        double median(java.util.function.ToDoubleFunction<Result> figure) {
            return PatchLoad.median(results.stream().mapToDouble(figure).toArray());
        }

        long patches() {
            return results.stream().mapToLong(Result::requests).sum();
        }

        /** Over the measured rounds only: cpuTicks is taken around each of them, never around a warm-up. */
        double cpuMsPerPatch() {
            return cpuTicks * 10.0 / patches();
        }
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        Identities identities = Identities.start();
        RsaJsonWebKey key = identities.key();
        HttpServer issuer = identities.issuer();
        String issuerUrl = identities.issuerUrl();
        String[] tokens = identities.tokens();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pgHostPortDb = PG.substring("jdbc:postgresql://".length(), PG.indexOf('?'));
        URI pg = URI.create("postgresql://" + pgHostPortDb);

        List<Target> targets = new ArrayList<>();
        try {
            List<String> serviceOptions = jvmOptions(true, System.getProperty("service.jvm.options", ""));
            System.out.printf("service: %s %s%n", java, String.join(" ", serviceOptions));
            targets.add(start("service", APP_PORT, MANAGEMENT_PORT, service(issuerUrl, serviceOptions, Map.of())));
            // The data goes in after the service's migrations made the schema.
            try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("bench/patch-data.sql")));
            }
            if (REPLICA_LIMITS) {
                targets.add(start("service-replica-limits", REPLICA_LIMITS_PORT, REPLICA_LIMITS_MANAGEMENT_PORT,
                        service(issuerUrl, serviceOptions, Map.of("SAMPLES_RATE_LIMIT_SCOPE", "replica",
                                "QUARKUS_HTTP_PORT", String.valueOf(REPLICA_LIMITS_PORT),
                                "QUARKUS_MANAGEMENT_PORT", String.valueOf(REPLICA_LIMITS_MANAGEMENT_PORT)))));
            }
            if (PEER) {
                List<String> peerOptions = jvmOptions(false, System.getProperty("peer.jvm.options", ""));
                System.out.printf("peer:    %s %s%n", java, String.join(" ", peerOptions));
                targets.add(start("peer", PEER_PORT, PEER_MANAGEMENT_PORT, peer(issuerUrl, peerOptions)));
            }
            if (BASELINE) {
                System.out.printf("baseline: %s (the JVM's defaults)%n", java);
                targets.add(start("baseline", BASELINE_PORT, BASELINE_PORT, new ProcessBuilder(java,
                        "-cp", "target/bench/baseline:target/quarkus-app/lib/main/*:target/classes",
                        "-Dport=" + BASELINE_PORT, "-Dissuer=" + issuerUrl, "-Dpg.host=" + pg.getHost(),
                        "-Dpg.port=" + pg.getPort(), "-Dpg.database=" + pg.getPath().substring(1),
                        "BaselineServer")));
            }
            for (Target target : targets) {
                System.out.printf("%s ready %.1f s after its start%n", target.name, target.readySeconds);
            }
            System.out.printf("data loaded; %d clients; per server %d rounds of %d s, the order rotating, after a"
                    + " warm-up in rounds of %d s until %d in a row are within %.0f %% of their mean (at most %d s)%n",
                    CONCURRENCY, ROUNDS, ROUND.toSeconds(), WARMUP_ROUND.toSeconds(), STEADY_ROUNDS, STEADY * 100,
                    WARMUP.toSeconds());
            for (Target target : targets) {
                warmUp(target, tokens);
            }
            for (int r = 1; r <= ROUNDS; r++) {
                // Each round starts with the next server, so that drift (the tables grow, the JIT warms) does not
                // always favour the same one.
                List<Target> order = new ArrayList<>(targets);
                Collections.rotate(order, -(r - 1));
                for (Target target : order) {
                    resetStatements();
                    long cpuBefore = cpuTicks(target.process.pid());
                    Result result = run(target, tokens, ROUND);
                    target.cpuTicks += cpuTicks(target.process.pid()) - cpuBefore;
                    target.results.add(result);
                    long[] counted = countStatements();
                    target.statements += counted[0];
                    target.transactionStatements += counted[1];
                    target.topStatements = topStatements();
                    System.out.printf("round %d %-8s %s%n", r, target.name, result);
                }
            }
            for (Target target : targets) {
                target.visibilityPatch = statementsOfAcceptedVisibilityPatches(target, tokens);
            }
            report(targets);
        } finally {
            for (Target target : targets) {
                target.process.destroy();
                target.process.waitFor();
            }
            issuer.stop(0);
        }
    }

    /** The bench's identity provider, its signing key, and the tokens of patch-data's 1,000 users. */
    record Identities(RsaJsonWebKey key, HttpServer issuer, String issuerUrl, String[] tokens) {
        static Identities start() throws Exception {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("bench");
            HttpServer issuer = startIssuer(key);
            String issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/bench";
            String[] tokens = new String[1000];
            for (int u = 0; u < tokens.length; u++) {
                tokens[u] = token(key, issuerUrl, u);
            }
            return new Identities(key, issuer, issuerUrl, tokens);
        }
    }

    /**
     * The service in production mode, configured by environment variables only, as in production, on the bench's
     * ports, at log level WARN, with these settings too; a bench's database is migrated by the service it measures.
     */
    static ProcessBuilder service(String issuerUrl, List<String> jvmOptions, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder service = new ProcessBuilder(command);
        service.environment().putAll(Map.of(
                "SAMPLES_DB_URL", "postgresql://" + PG.substring("jdbc:postgresql://".length(), PG.indexOf('?')),
                "SAMPLES_DB_USER", "postgres", "SAMPLES_DB_PASSWORD", "postgres",
                "SAMPLES_OIDC_ISSUER", issuerUrl,
                "QUARKUS_HTTP_PORT", String.valueOf(APP_PORT),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT),
                "QUARKUS_LOG_LEVEL", "WARN",
                "SAMPLES_MIGRATE_AT_START", "true"));
        service.environment().putAll(settings);
        return service;
    }

    /**
     * The JVM options of the service (withAotCache) or the peer: the image's, unless IMAGE_SETTINGS is false, then
     * the extra ones. The service also maps its AOT cache, as the image does, when the jar was built with one and this
     * is Java 25 or later (the cache needs the JDK that recorded it, and the image's serial collector to link its
     * adapters).
     */
    static List<String> jvmOptions(boolean withAotCache, String extra) {
        List<String> options = new ArrayList<>();
        if (IMAGE_SETTINGS) {
            options.addAll(IMAGE_JVM_OPTIONS);
            if (withAotCache && Runtime.version().feature() >= 25 && Files.isRegularFile(AOT_CACHE)) {
                options.add("-XX:AOTCache=" + AOT_CACHE);
            }
        }
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    /**
     * The peer (bench/peer), configured by Quarkus's own environment variables, on the service's database and
     * issuer, at log level WARN as the service.
     */
    static ProcessBuilder peer(String issuerUrl, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", PEER_JAR));
        ProcessBuilder peer = new ProcessBuilder(command);
        peer.environment().putAll(Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://" + PG.substring("jdbc:postgresql://".length(), PG.indexOf('?')),
                "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_OIDC_AUTH_SERVER_URL", issuerUrl,
                "QUARKUS_HTTP_PORT", String.valueOf(PEER_PORT),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(PEER_MANAGEMENT_PORT),
                "QUARKUS_LOG_LEVEL", "WARN"));
        return peer;
    }

    /**
     * Starts a server, its output in target/bench/NAME.log, and waits until /q/health/ready answers 200 on
     * readinessPort (the service's and the peer's management port, the baseline's only one).
     */
    static Target start(String name, int port, int readinessPort, ProcessBuilder builder) throws Exception {
        builder.redirectErrorStream(true).redirectOutput(new File("target/bench/" + name + ".log"));
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            awaitReady(readinessPort, name);
        } catch (Exception notReady) {
            process.destroy();
            throw notReady;
        }
        return new Target(name, port, process, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Loads the server in rounds of WARMUP_ROUND until the last STEADY_ROUNDS of them are within STEADY of their mean
     * (its JIT and caches no longer make it faster: two rounds alone stopped the service's warm-up while it was still
     * compiling), or WARMUP is spent.
     */
    static void warmUp(Target target, String[] tokens) throws InterruptedException {
        List<Double> rounds = new ArrayList<>();
        long spent = 0;
        while (spent < WARMUP.toSeconds()) {
            long length = Math.min(WARMUP_ROUND.toSeconds(), WARMUP.toSeconds() - spent);
            double throughput = run(target, tokens, Duration.ofSeconds(length)).throughput();
            spent += length;
            rounds.add(throughput);
            System.out.printf("warm-up %-8s %3d s: %.0f req/s%n", target.name, spent, throughput);
            if (rounds.size() >= STEADY_ROUNDS) {
                List<Double> last = rounds.subList(rounds.size() - STEADY_ROUNDS, rounds.size());
                double mean = last.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                if (last.stream().allMatch(r -> Math.abs(r - mean) <= STEADY * mean)) {
                    System.out.printf("warm-up %-8s steady after %d s (req/s: %s)%n", target.name, spent, rounds
                            .stream().map(r -> String.format("%.0f", r)).toList());
                    return;
                }
            }
        }
        System.out.printf("warm-up %-8s NOT steady after the cap of %d s (req/s: %s)%n", target.name, spent,
                rounds.stream().map(r -> String.format("%.0f", r)).toList());
    }

    static void report(List<Target> targets) throws Exception {
        System.out.println();
        Map<String, Target> byName = new LinkedHashMap<>();
        Map<String, Long> rssMiB = new HashMap<>();
        for (Target target : targets) {
            byName.put(target.name, target);
            rssMiB.put(target.name, rssKiB(target.process.pid()) / 1024);
            System.out.printf("%-8s median of rounds: %.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                    target.name, target.median(Result::throughput), target.median(Result::p50),
                    target.median(Result::p90), target.median(Result::p99));
            System.out.printf("%-8s SQL per PATCH (all outcomes): %.2f statements + %.2f BEGIN/COMMIT/ROLLBACK;"
                            + " an accepted visibility change: %s%n", target.name,
                    target.statements / (double) target.patches(),
                    target.transactionStatements / (double) target.patches(), target.visibilityPatch);
            System.out.printf("%-8s CPU per PATCH %.2f ms; ready %.1f s after its start; RSS after the run %d MiB%n",
                    target.name, target.cpuMsPerPatch(), target.readySeconds, rssMiB.get(target.name));
            System.out.printf("%-8s most expensive statements (last round):%n%s", target.name, target.topStatements);
        }
        System.out.printf("%nratios, median of the per-round ratios (the issue's gates beside them):%n");
        Target service = byName.get("service");
        Target peer = byName.get("peer");
        Target baseline = byName.get("baseline");
        if (baseline != null) {
            ratios(service, baseline, 0.8, 1.3, 1.6);
        }
        Target replicaLimits = byName.get("service-replica-limits");
        if (replicaLimits != null) {
            // What holding the rate limits across replicas costs: the same service, its limits in its own memory.
            ratios(service, replicaLimits, 0.97, Double.NaN, Double.NaN);
        }
        if (peer != null) {
            ratios(service, peer, 1.0, Double.NaN, Double.NaN);
        }
        if (peer != null && baseline != null) {
            ratios(peer, baseline, Double.NaN, Double.NaN, Double.NaN);
        }
        System.out.printf("  service RSS after the run %d MiB %s%n", rssMiB.get("service"),
                gate(rssMiB.get("service") <= 250, "<= 250 MiB"));
    }

    /**
     * One line of ratios, a over b: throughput and p99 (medians of the per-round ratios) and CPU per PATCH, each
     * beside its gate where the issue sets one (NaN: none).
     */
    static void ratios(Target a, Target b, double minThroughput, double maxP99, double maxCpu) {
        StringBuilder perRound = new StringBuilder();
        double[] throughput = new double[ROUNDS];
        double[] p99 = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            throughput[r] = a.results.get(r).throughput() / b.results.get(r).throughput();
            p99[r] = a.results.get(r).p99() / b.results.get(r).p99();
            perRound.append(String.format(" %.2f/%.2f", throughput[r], p99[r]));
        }
        double cpu = a.cpuMsPerPatch() / b.cpuMsPerPatch();
        System.out.printf("  %-17s throughput %.2fx%s, p99 %.2fx%s, CPU per PATCH %.2fx%s; per round"
                        + " (throughput/p99):%s%n", a.name + "/" + b.name + ":",
                median(throughput), Double.isNaN(minThroughput) ? ""
                        : " " + gate(median(throughput) >= minThroughput, ">= " + minThroughput),
                median(p99), Double.isNaN(maxP99) ? "" : " " + gate(median(p99) <= maxP99, "<= " + maxP99),
                cpu, Double.isNaN(maxCpu) ? "" : " " + gate(cpu <= maxCpu, "<= " + maxCpu), perRound);
    }

    static String gate(boolean met, String bound) {
        return "(gate " + bound + ": " + (met ? "met" : "MISSED") + ")";
    }

    record Result(long requests, double throughput, double p50, double p90, double p99, Map<Integer, Long> statuses) {
        @Override
        public String toString() {
            return String.format("%.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, statuses %s",
                    throughput, p50, p90, p99, statuses);
        }
    }

    /** CONCURRENCY clients, each sending one PATCH after the other for the given time. */
    static Result run(Target target, String[] tokens, Duration length) throws InterruptedException {
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
                    HttpRequest request = next(target.port, tokens);
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
    static HttpRequest next(int port, String[] tokens) {
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
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/samples/" + sample))
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

    static final String TRANSACTION_CONTROL = "query ~* '^\\s*(BEGIN|COMMIT|ROLLBACK)'";

    /** Calls since the last reset: statements, and BEGIN/COMMIT/ROLLBACK apart. */
    static long[] countStatements() throws Exception {
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(calls) FILTER (WHERE NOT " + TRANSACTION_CONTROL
                     + "), 0), coalesce(sum(calls) FILTER (WHERE " + TRANSACTION_CONTROL + "), 0)"
                     + " FROM pg_stat_statements WHERE query !~* 'pg_stat_statements'"
                     + " AND query !~* '^SET application_name'")) { // the bench's own JDBC connections say hello
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    static String topStatements() throws Exception {
        StringBuilder top = new StringBuilder();
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT calls, round(mean_exec_time::numeric, 2), left(regexp_replace(query, '\s+', ' ', 'g'), 90)
                     FROM pg_stat_statements WHERE query !~* 'pg_stat_statements'
                     ORDER BY total_exec_time DESC LIMIT 5""")) {
            while (rs.next()) {
                top.append(String.format("  %7d calls, %8.2f ms mean: %s%n", rs.getLong(1), rs.getDouble(2),
                        rs.getString(3)));
            }
        }
        return top.toString();
    }

    /**
     * The statements of an accepted visibility change alone: 100 PATCHes, one after the other, each turning a sample
     * of an open organization's user (user 25) from private to shared or back.
     */
    static String statementsOfAcceptedVisibilityPatches(Target target, String[] tokens) throws Exception {
        int user = 25;
        String[] current = new String[100];
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, visibility FROM samples WHERE owner_id = '"
                     + String.format("%016x", 1_000_000 + user) + "'")) {
            while (rs.next()) {
                current[(int) (Long.parseLong(rs.getString(1), 16) - (10_000_000 + user * 100))] = rs.getString(2);
            }
        }
        resetStatements();
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            String sample = String.format("%016x", 10_000_000 + user * 100 + i);
            String wanted = "private".equals(current[i]) ? "shared" : "private";
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + target.port + "/api/v1/samples/" + sample))
                    .header("Authorization", "Bearer " + tokens[user])
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"visibility\": \"" + wanted + "\"}"))
                    .build();
            if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                accepted++;
            }
        }
        long[] counted = countStatements();
        return accepted == 0 ? "none accepted" : String.format("%.2f statements + %.2f BEGIN/COMMIT (%d of 100 accepted)",
                counted[0] / (double) accepted, counted[1] / (double) accepted, accepted);
    }

    static void awaitReady(int port, String name) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
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
        throw new IllegalStateException(name + " did not become ready; see target/bench/" + name + ".log");
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
        return token(key, issuer, "bench-user-" + user, "bench-org-" + (user % 50),
                user < 50 ? List.of("user", "org_admin") : List.of("user"));
    }

    /** A token of the bench's issuer for this subject, organization claim and roles, valid for four hours. */
    static String token(RsaJsonWebKey key, String issuer, String subject, String organization, List<String> groups)
            throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience("samples-api");
        claims.setExpirationTimeMinutesInTheFuture(240);
        claims.setIssuedAtToNow();
        claims.setClaim("org_id", organization);
        claims.setClaim("email", subject + "@example.org");
        claims.setStringListClaim("groups", groups);
        return sign(key, claims);
    }

    static String sign(RsaJsonWebKey key, JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** User plus system CPU time of a process, in clock ticks (1/100 s on Linux). */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
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
