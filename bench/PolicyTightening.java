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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpServer;

/**
 * Policy tightening benchmark (run by bench/policy-tightening.sh, compiled with PatchLoad, whose issuer, service start
 * and request mix it reuses). Loads patch-load's data (100,000 samples in 50 organizations) plus one more
 * organization whose users own 100,000 shared and public samples, keeps CONCURRENCY clients PATCHing samples of the
 * other organizations, and, after a quiet window, has that organization's admin tighten it to private through the
 * API. Prints how long the tightening took, how many samples it lowered, which locks it held (sampled from pg_locks
 * while it ran) and how many other statements waited on a lock meanwhile, and the other organizations' PATCH
 * throughput and latency during the tightening against the quiet window before it (as ratios); then the same
 * tightening once more with nothing else running.
 */
public class PolicyTightening {

    static final String ORG = "00000000000fffff";
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup.seconds", 60));
    static final Duration QUIET = Duration.ofSeconds(Long.getLong("quiet.seconds", 10));

    /** One PATCH of the background load: when it started and ended, and its status. */
    record Sent(long start, long end, int status) {
    }

    public static void main(String[] args) throws Exception {
        PatchLoad.Identities identities = PatchLoad.Identities.start();
        RsaJsonWebKey key = identities.key();
        HttpServer issuer = identities.issuer();
        String issuerUrl = identities.issuerUrl();
        String[] tokens = identities.tokens();
        PatchLoad.Target service = PatchLoad.start("service", PatchLoad.APP_PORT, PatchLoad.MANAGEMENT_PORT,
                PatchLoad.service(issuerUrl, List.of(), Map.of()));
        try {
            try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("bench/patch-data.sql")));
                s.execute(Files.readString(Path.of("bench/tightening-data.sql")));
            }
            System.out.printf("service ready; data loaded; warming up for %d s with %d clients%n", WARMUP.toSeconds(),
                    PatchLoad.CONCURRENCY);
            PatchLoad.run(service, tokens, WARMUP);

            ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < PatchLoad.CONCURRENCY; i++) {
                Thread client = new Thread(() -> {
                    while (!stop.get()) {
                        HttpRequest request = PatchLoad.next(service.port, tokens);
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = PatchLoad.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        sent.add(new Sent(t0, System.nanoTime(), status));
                    }
                });
                clients.add(client);
                client.start();
            }
            long quietStart = System.nanoTime();
            Thread.sleep(QUIET.toMillis());

            LockSampler sampler = new LockSampler();
            sampler.start();
            String admin = PatchLoad.token(key, issuerUrl, "bench-tighten-user-0", "bench-tighten",
                    List.of("user", "org_admin"));
            long tightenStart = System.nanoTime();
            HttpResponse<String> answer = tighten(service, admin);
            long tightenEnd = System.nanoTime();
            sampler.finish();
            Thread.sleep(1000);
            stop.set(true);
            for (Thread client : clients) {
                client.join();
            }
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the tightening was answered " + answer.statusCode() + ": "
                        + answer.body());
            }

            long lowered;
            long above;
            try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM audit_events a JOIN policy_events p"
                         + " ON p.id = a.policy_event_id WHERE p.organization_id = '" + ORG + "'),"
                         + " (SELECT count(*) FROM samples s JOIN users u ON u.id = s.owner_id"
                         + " WHERE u.organization_id = '" + ORG + "' AND s.visibility <> 'private')")) {
                rs.next();
                lowered = rs.getLong(1);
                above = rs.getLong(2);
            }
            System.out.printf("%ntightening of an organization with 100,000 shared and public samples to private:"
                    + " %.2f s; lowered %d samples (each with its audit event); left above the cap: %d%n",
                    (tightenEnd - tightenStart) / 1e9, lowered, above);
            System.out.printf("locks the tightening held (relation-level, sampled every 20 ms; the rows it changes"
                    + " are locked row by row):%n%s", sampler.held());
            System.out.printf("statements of other sessions waiting on a lock while it ran: at most %d at once%n",
                    sampler.maxWaiting.get());

            // The same tightening once more, with nothing else running: the samples shared again, the policy open.
            try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement()) {
                s.execute("UPDATE samples s SET visibility = CASE WHEN right(s.id, 1) IN ('0', '2', '4', '6', '8', 'a',"
                        + " 'c', 'e') THEN 'shared' ELSE 'public' END FROM users u WHERE u.id = s.owner_id"
                        + " AND u.organization_id = '" + ORG + "'");
                s.execute("UPDATE organizations SET max_visibility = 'public' WHERE id = '" + ORG + "'");
                s.execute("VACUUM ANALYZE samples");
                s.execute("VACUUM ANALYZE audit_events");
            }
            long aloneStart = System.nanoTime();
            HttpResponse<String> alone = tighten(service, admin);
            double aloneSeconds = (System.nanoTime() - aloneStart) / 1e9;
            if (alone.statusCode() != 200) {
                throw new IllegalStateException("the second tightening was answered " + alone.statusCode() + ": "
                        + alone.body());
            }
            System.out.printf("the same tightening with no other load: %.2f s%n", aloneSeconds);

            Window quiet = window(sent, quietStart, tightenStart);
            Window during = window(sent, tightenStart, tightenEnd);
            System.out.printf("%nPATCHes of the other 50 organizations (%d clients):%n", PatchLoad.CONCURRENCY);
            System.out.printf("  quiet window   %s%n", quiet);
            System.out.printf("  during it      %s%n", during);
            System.out.printf("during/quiet: throughput %.2fx, p50 %.2fx, p99 %.2fx, slowest %.2fx%n",
                    during.throughput / quiet.throughput, during.p50 / quiet.p50, during.p99 / quiet.p99,
                    during.max / quiet.max);
        } finally {
            service.process.destroy();
            service.process.waitFor();
            issuer.stop(0);
        }
    }

    static HttpResponse<String> tighten(PatchLoad.Target service, String adminToken) throws Exception {
        HttpRequest tighten = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port
                        + "/api/v1/organizations/" + ORG))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"max_visibility\": \"private\"}"))
                .build();
        return PatchLoad.HTTP.send(tighten, HttpResponse.BodyHandlers.ofString());
    }

    record Window(long requests, double throughput, double p50, double p99, double max, Map<Integer, Long> statuses) {
        @Override
        public String toString() {
            return String.format("%d PATCHes, %.0f req/s, p50 %.1f ms, p99 %.1f ms, slowest %.1f ms, statuses %s",
                    requests, throughput, p50, p99, max, statuses);
        }
    }

    /** The PATCHes that started in [from, to). */
    static Window window(ConcurrentLinkedQueue<Sent> sent, long from, long to) {
        List<Sent> in = sent.stream().filter(s -> s.start() >= from && s.start() < to).toList();
        long[] latencies = in.stream().mapToLong(s -> s.end() - s.start()).sorted().toArray();
        Map<Integer, Long> statuses = new TreeMap<>();
        in.forEach(s -> statuses.merge(s.status(), 1L, Long::sum));
        double seconds = (to - from) / 1e9;
        return new Window(latencies.length, latencies.length / seconds, PatchLoad.pct(latencies, 50),
                PatchLoad.pct(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                statuses);
    }

    /**
     * Samples pg_locks while the tightening runs: the relation-level locks held by the backend running the lowering
     * statement, and how many other backends wait on a lock.
     */
    static final class LockSampler extends Thread {
        private final AtomicBoolean done = new AtomicBoolean();
        private final Set<String> held = new TreeSet<>();
        final AtomicInteger maxWaiting = new AtomicInteger();

        LockSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Connection c = DriverManager.getConnection(PatchLoad.PG); Statement s = c.createStatement()) {
                while (!done.get()) {
                    try (ResultSet rs = s.executeQuery("""
                            SELECT l.locktype || ' ' || coalesce(l.relation::regclass::text, '') || ' ' || l.mode
                            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                            WHERE l.granted AND a.query LIKE '%WITH target AS%' AND a.state <> 'idle'
                              AND l.locktype IN ('relation', 'tuple', 'advisory')
                              AND coalesce(l.relation::regclass::text, '') NOT LIKE 'pg\\_%'""")) {
                        while (rs.next()) {
                            held.add(rs.getString(1));
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE wait_event_type = 'Lock'")) {
                        rs.next();
                        maxWaiting.accumulateAndGet(rs.getInt(1), Math::max);
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void finish() throws InterruptedException {
            done.set(true);
            join();
        }

        String held() {
            StringBuilder text = new StringBuilder();
            held.forEach(lock -> text.append("  ").append(lock).append('\n'));
            return text.isEmpty() ? "  (none seen)\n" : text.toString();
        }
    }
}
