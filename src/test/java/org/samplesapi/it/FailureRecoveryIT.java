package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.LocalIssuer;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.Raw;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application (jar, or native executable with -Dnative) when what it depends on fails: the identity
 * provider's keys are not reachable yet, PostgreSQL stops in the middle of a load and comes back, and the connection
 * pool runs dry. Each failure is answered fast with a 503 JSON body and {@code Retry-After}, never a 500 or a hang;
 * readiness follows the database while liveness stays up; the service recovers by itself; and no change is ever half
 * written (every version of a sample has exactly its one audit event).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureRecoveryIT {

    private static final int POOL_SIZE = 3;
    private static final java.util.regex.Pattern RAW_STACK_LINE = java.util.regex.Pattern.compile(
            "^(\\s+at |\\s*\\.\\.\\. \\d+ more|Caused by: |\\s*Suppressed: "
                    + "|(io\\.vertx|io\\.netty|java\\.net|java\\.io)\\.\\S+(Exception|Error))");
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(1);

    private static Path dataDirectory;
    private static int databasePort;
    private static EmbeddedPostgres postgres;
    private static LocalIssuer issuer;
    private static Process service;
    private static Path serviceLog;
    private static String base;
    private static String management;
    private static final List<World.User> OWNERS = new ArrayList<>();
    private static final List<String> SAMPLES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("samples-failure-pg");
        databasePort = PackagedApp.freePort();
        postgres = startDatabase();
        issuer = LocalIssuer.start(false);
        serviceLog = Files.createTempFile("samples-failure", ".log");
        Map<String, String> settings = PackagedApp.settings(databasePort, issuer.url());
        settings.put("SAMPLES_DB_POOL_SIZE", String.valueOf(POOL_SIZE));
        // The load here is about failures, not about one caller's pace: allowances it cannot spend, but checked in the
        // database on every request, so an outage also meets the rate limits' statements.
        settings.put("SAMPLES_RATE_LIMIT_READS", "1000000");
        settings.put("SAMPLES_RATE_LIMIT_WRITES", "1000000");
        settings.put("SAMPLES_RATE_LIMIT_LOCAL_SHARE", "0");
        settings.put("SAMPLES_DB_ACQUIRE_TIMEOUT", ACQUIRE_TIMEOUT.toSeconds() + "S");
        // As in production: the migration step and the service, which does not migrate and waits for it.
        PackagedApp.Running running = PackagedApp.migrateAndStartReady(settings, serviceLog);
        service = running.process();
        base = running.endpoints().api();
        management = running.endpoints().management();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            String org = World.newId();
            s.execute("INSERT INTO organizations (id, external_id, name, max_visibility) VALUES ('" + org
                    + "', 'org-" + org + "', 'Failure Lab', 'public')");
            for (int i = 0; i < 6; i++) {
                String user = World.newId();
                World.User owner = new World.User(user, "sub-" + user, "u" + user + "@example.org",
                        new World.Org(org, "org-" + org, "Failure Lab"));
                s.execute("INSERT INTO users (id, subject, email, organization_id, max_visibility) VALUES ('" + user
                        + "', '" + owner.subject() + "', '" + owner.email() + "', '" + org + "', 'public')");
                String sample = World.newId();
                s.execute("INSERT INTO samples (id, owner_id, filename, size, status, visibility) VALUES ('" + sample
                        + "', '" + user + "', 'SRR" + i + ".fastq.gz', 1000, 'available', 'private')");
                OWNERS.add(owner);
                SAMPLES.add(sample);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        PackagedApp.stop(service);
        if (issuer != null) {
            issuer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void keysNotYetReachableAre503NotA500AndTheServiceRecoversWhenTheyAre() throws Exception {
        Raw.Answer early = patch(0, "shared");
        Leaks.error(early, 503);
        assertNotNull(early.header("Retry-After"), early.headers().toString());
        issuer.keysReachable(true);
        Raw.Answer later = patch(0, "private");
        assertEquals(200, later.status(), later.body());
    }

    @Test
    @Order(2)
    void postgresStoppingMidLoadIs503FastAndTheServiceRecoversWithNoHalfWrites() throws Exception {
        ConcurrentLinkedQueue<Observed> observed = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(SAMPLES.size());
        List<Future<Object>> clients = new ArrayList<>();
        try {
            for (int i = 0; i < SAMPLES.size(); i++) {
                int which = i;
                clients.add(load.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        long started = System.nanoTime();
                        Raw.Answer answer = patch(which, n++ % 2 == 0 ? "shared" : "private");
                        observed.add(new Observed(answer, Duration.ofNanos(System.nanoTime() - started)));
                    }
                    return null;
                }));
            }
            Thread.sleep(1500);
            postgres.close();
            Thread.sleep(2500);

            Raw.Answer ready = get(management + "/q/health/ready");
            assertEquals(503, ready.status(), ready.body());
            assertTrue(ready.body().contains("\"DOWN\""), ready.body());
            Raw.Answer live = get(management + "/q/health/live");
            assertEquals(200, live.status(), live.body());

            postgres = startDatabase();
            PackagedApp.awaitStatus(management + "/q/health/ready", 200, service, serviceLog,
                    Duration.ofSeconds(30));
            long okBefore = observed.stream().filter(o -> o.answer().status() == 200).count();
            Thread.sleep(1500);
            assertTrue(observed.stream().filter(o -> o.answer().status() == 200).count() > okBefore,
                    "no PATCH succeeded after PostgreSQL came back");
        } finally {
            running.set(false);
            load.shutdown();
        }
        // A client that met no answer (a hang past the client's 30 s timeout, a reset) fails here.
        for (Future<Object> client : clients) {
            client.get(60, TimeUnit.SECONDS);
        }
        long unavailable = 0;
        for (Observed o : observed) {
            int status = o.answer().status();
            assertTrue(status == 200 || status == 503, status + " " + o.answer().body());
            if (status == 503) {
                unavailable++;
                Leaks.error(o.answer(), 503);
                assertNotNull(o.answer().header("Retry-After"));
                assertTrue(o.took().compareTo(Duration.ofSeconds(12)) < 0, "a 503 took " + o.took());
            }
        }
        assertTrue(unavailable > 0, "no request met the stopped database");
        assertNoHalfWrites();
    }

    @Test
    @Order(3)
    void anExhaustedPoolMakesRequestsWaitBoundedThen503() throws Exception {
        String sample = SAMPLES.get(1);
        String before = sampleState(sample);
        List<Future<Observed>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(POOL_SIZE + 3);
        // Hold the sample's row: the first POOL_SIZE PATCHes take every connection and wait for the lock.
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT 1 FROM samples WHERE id = '" + sample + "' FOR UPDATE");
            }
            for (int i = 0; i < POOL_SIZE + 3; i++) {
                answers.add(clients.submit(() -> {
                    long started = System.nanoTime();
                    Raw.Answer answer = patch(1, "shared");
                    return new Observed(answer, Duration.ofNanos(System.nanoTime() - started));
                }));
                Thread.sleep(50);
            }
            Thread.sleep(ACQUIRE_TIMEOUT.toMillis() + 1500);
            long refused = answers.stream().filter(Future::isDone).count();
            assertTrue(refused >= 3, "requests waiting for a connection were not refused after the timeout");
            assertEquals(before, sampleState(sample), "a refused request wrote");
            lock.rollback();
        }
        int ok = 0;
        for (Future<Observed> future : answers) {
            Observed o = future.get(30, TimeUnit.SECONDS);
            if (o.answer().status() == 503) {
                Leaks.error(o.answer(), 503);
                assertNotNull(o.answer().header("Retry-After"));
                assertTrue(o.took().compareTo(ACQUIRE_TIMEOUT.plusSeconds(2)) < 0, "waited " + o.took());
            } else {
                assertEquals(200, o.answer().status(), o.answer().body());
                ok++;
            }
        }
        clients.shutdownNow();
        assertTrue(ok >= 1, "the requests holding connections never completed");
        assertNoHalfWrites();
    }

    /**
     * SIGTERM with a request in flight (waiting on a row lock): the request still completes, then the process ends.
     * Its log is JSON lines, each request's lines carry the request id, and no token or e-mail address is in it.
     */
    @Test
    @Order(4)
    void shutdownDrainsInFlightRequestsAndLogsAreJsonWithoutSecrets() throws Exception {
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT 1 FROM samples WHERE id = '" + SAMPLES.get(2) + "' FOR UPDATE");
            }
            Future<Raw.Answer> inFlight = client.submit(() -> patch(2, "shared"));
            Thread.sleep(500);
            service.destroy();
            Thread.sleep(1000);
            lock.rollback();
            Raw.Answer answer = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.status(), answer.body());
            assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service did not stop");
        } finally {
            client.shutdownNow();
        }
        List<String> lines = Files.readAllLines(serviceLog);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int withRequestId = 0;
        for (String line : lines) {
            assertTrue(!line.contains("eyJ") && !line.contains("@example.org"), "a token or e-mail logged: " + line);
            if (!line.startsWith("{")) {
                // The PostgreSQL client prints the stack of a connection killed by the server's shutdown straight to
                // stderr, bypassing the log handlers. Those lines, and only those, are not JSON.
                assertTrue(RAW_STACK_LINE.matcher(line).find(), "not a JSON log line: " + line);
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode entry = json.readTree(line);
            assertTrue(entry.has("message") && entry.has("level"), line);
            if (entry.path("loggerName").asText().startsWith("org.samplesapi.web")) {
                assertTrue(entry.path("mdc").path("requestId").isTextual(), "no request id: " + line);
                withRequestId++;
            }
        }
        assertTrue(withRequestId > 0, "no request-path log lines to check");
    }

    private record Observed(Raw.Answer answer, Duration took) {
    }

    /** Every accepted change bumped the version once and left exactly one audit event, in one transaction. */
    private static void assertNoHalfWrites() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sample : SAMPLES) {
                try (ResultSet rs = s.executeQuery("SELECT s.version, s.visibility,"
                        + " (SELECT count(*) FROM audit_events a WHERE a.sample_id = s.id),"
                        + " (SELECT new_value FROM audit_events a WHERE a.sample_id = s.id ORDER BY seq DESC LIMIT 1)"
                        + " FROM samples s WHERE s.id = '" + sample + "'")) {
                    assertTrue(rs.next());
                    assertEquals(rs.getLong(1) - 1, rs.getLong(3), "versions and audit events of " + sample);
                    if (rs.getLong(3) > 0) {
                        assertEquals(rs.getString(2), rs.getString(4), "the last event is not the sample's state");
                    }
                }
            }
        }
    }

    private static String sampleState(String sample) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT row_to_json(s)::text || (SELECT count(*) FROM audit_events a"
                     + " WHERE a.sample_id = s.id) FROM samples s WHERE s.id = '" + sample + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Raw.Answer patch(int which, String visibility) {
        return Raw.exchange(HttpRequest.newBuilder(URI.create(base + "/api/v1/samples/" + SAMPLES.get(which)))
                .header("Authorization", "Bearer " + Tokens.of(OWNERS.get(which)))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"visibility\": \"" + visibility + "\"}")));
    }

    private static Raw.Answer get(String url) {
        return Raw.exchange(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** PostgreSQL on a fixed port and data directory, so that it can be stopped and started again in place. */
    private static EmbeddedPostgres startDatabase() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(databasePort)
                .start();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres?user=postgres");
    }
}
