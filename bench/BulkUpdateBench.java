import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpServer;

/**
 * Bulk change benchmark (run by bench/bulk-update.sh, compiled with PatchLoad, whose issuer, service start and
 * statement counting it reuses). Loads patch-load's data plus one user's 10,000 private samples, warms the service up
 * with patch-load's mix, then makes those 10,000 samples shared three ways, putting them back to private (in SQL)
 * before each: one bulk change naming them by ids, one naming them by where, and 10,000 single PATCHes from
 * CONCURRENCY clients. Prints each one's time end to end and the SQL statements it ran, and the ratios.
 */
public class BulkUpdateBench {

    static final String OWNER = "00000000006eeeee";
    static final int SAMPLES = 10_000;
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup.seconds", 30));

    record Run(String name, double seconds, long statements, long transactionStatements, String answer,
               String top) {
        @Override
        public String toString() {
            return String.format("%-42s %6.2f s, %6d statements + %5d BEGIN/COMMIT%s%n%s", name, seconds, statements,
                    transactionStatements, answer.isEmpty() ? "" : "; " + answer, top);
        }
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        PatchLoad.Identities identities = PatchLoad.Identities.start();
        RsaJsonWebKey key = identities.key();
        HttpServer issuer = identities.issuer();
        String issuerUrl = identities.issuerUrl();
        String[] tokens = identities.tokens();
        String owner = PatchLoad.token(key, issuerUrl, "bench-bulk-user", "bench-bulk", List.of("user"));
        // 10,000 PATCHes of one caller are the point here: no rate limit.
        PatchLoad.Target service = PatchLoad.start("service", PatchLoad.APP_PORT, PatchLoad.MANAGEMENT_PORT,
                PatchLoad.service(issuerUrl, List.of(), Map.of("SAMPLES_RATE_LIMIT_ENABLED", "false")));
        try {
            try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("bench/patch-data.sql")));
                s.execute(Files.readString(Path.of("bench/bulk-data.sql")));
            }
            List<String> ids = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM samples WHERE owner_id = '" + OWNER + "' ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            System.out.printf("service ready; data loaded (%d samples of one user); warming up for %d s%n",
                    ids.size(), WARMUP.toSeconds());
            PatchLoad.run(service, tokens, WARMUP);
            for (int i = 0; i < 3; i++) { // the bulk route's own code paths
                bulk(service, owner, "{\"ids\": " + json(ids) + ", \"visibility\": \"shared\"}", true);
            }

            String byIds = "{\"ids\": " + json(ids) + ", \"visibility\": \"shared\"}";
            String byWhere = "{\"where\": {\"owner\": {\"$ref\": \"/api/v1/users/" + OWNER + "\"}},"
                    + " \"visibility\": \"shared\"}";
            List<Run> runs = new ArrayList<>();
            runs.add(measure("one bulk change, by ids (" + byIds.length() / 1024 + " KiB body)",
                    () -> bulk(service, owner, byIds, false)));
            runs.add(measure("one bulk change, by where", () -> bulk(service, owner, byWhere, false)));
            runs.add(measure(SAMPLES + " single PATCHes, " + PatchLoad.CONCURRENCY + " clients",
                    () -> patches(service, owner, ids)));
            System.out.printf("%n%d samples made shared (end to end, each from all private):%n", ids.size());
            runs.forEach(run -> System.out.println("  " + run));
            double single = runs.get(2).seconds();
            System.out.printf("single PATCHes / bulk by ids: %.1fx the time; / bulk by where: %.1fx (target: the bulk"
                    + " change within 2 s, with a number of statements that does not grow with the samples)%n",
                    single / runs.get(0).seconds(), single / runs.get(1).seconds());
        } finally {
            service.process.destroy();
            service.process.waitFor();
            issuer.stop(0);
        }
    }

    interface Change {
        String run() throws Exception;
    }

    /** Puts the samples back to private (in SQL, outside the measurement), then times the change. */
    static Run measure(String name, Change change) throws Exception {
        try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement()) {
            s.execute("UPDATE samples SET visibility = 'private' WHERE owner_id = '" + OWNER + "'");
            s.execute("VACUUM ANALYZE samples");
        }
        PatchLoad.resetStatements();
        long start = System.nanoTime();
        String answer = change.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] counted = PatchLoad.countStatements();
        long shared;
        try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM samples WHERE owner_id = '" + OWNER
                     + "' AND visibility = 'shared'")) {
            rs.next();
            shared = rs.getLong(1);
        }
        if (shared != SAMPLES) {
            throw new IllegalStateException(name + " left " + shared + " of " + SAMPLES + " shared: " + answer);
        }
        return new Run(name, seconds, counted[0], counted[1], answer, PatchLoad.topStatements());
    }

    static String bulk(PatchLoad.Target service, String token, String body, boolean dryRun) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port
                        + "/api/v1/samples/bulk_update" + (dryRun ? "?dry_run=true" : "")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> answer = PatchLoad.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the bulk change was answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(500, answer.body().length())));
        }
        int at = answer.body().indexOf("\"message\"");
        return answer.body().substring(at, answer.body().indexOf('"', answer.body().indexOf(':', at) + 2) + 1);
    }

    static String patches(PatchLoad.Target service, String token, List<String> ids) throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(ids);
        AtomicInteger failed = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < PatchLoad.CONCURRENCY; i++) {
            Thread client = new Thread(() -> {
                String id;
                while ((id = queue.poll()) != null) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port
                                    + "/api/v1/samples/" + id))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"visibility\": \"shared\"}"))
                            .build();
                    try {
                        if (PatchLoad.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        return failed.get() == 0 ? "" : failed.get() + " failed";
    }

    static String json(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
