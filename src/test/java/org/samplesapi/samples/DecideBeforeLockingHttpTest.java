package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.EmbeddedPostgresResource;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Whoever may not change a sample is refused without waiting for its locks, on every route that changes one; and
 * a tightening of a policy is served before the PATCHes that arrive while it waits for those already holding the
 * policy. Each test holds rows from a connection of its own, as a transaction of another request would, and
 * releases them only once the answers it expects are in: a request that waited for them could only have been
 * answered by the connection's lock_timeout, with a 503.
 */
@QuarkusTest
class DecideBeforeLockingHttpTest {

    private static final long ANSWER_SECONDS = 30;
    private static final ExecutorService REQUESTS = Executors.newCachedThreadPool();

    private final Org org = World.openOrg();
    private final User owner = World.user(org);
    private final User colleague = World.user(org);
    private final User stranger = World.user(World.openOrg());

    /** The five routes that change a sample or its metadata, as a caller who may not change it sends them. */
    enum Route {
        PATCH(caller -> sample -> request(caller).body("{\"visibility\": \"public\"}")
                .patch("/api/v1/samples/{id}", sample)),
        DRY_RUN(caller -> sample -> request(caller).queryParam("dry_run", true).body("{\"visibility\": \"public\"}")
                .patch("/api/v1/samples/{id}", sample)),
        DELETE(caller -> sample -> request(caller).delete("/api/v1/samples/{id}", sample)),
        ADD_TAG(caller -> sample -> request(caller).body("{\"name\": \"soil\", \"sample\": \"" + sample + "\"}")
                .post("/api/v1/tags")),
        EDIT_METADATA(caller -> sample -> request(caller).body("{\"description\": \"mine now\"}")
                .patch("/api/v1/metadata/{id}", Db.value("SELECT id FROM metadata WHERE sample_id = ?", sample)));

        private final Function<String, Function<String, Response>> send;

        Route(Function<String, Function<String, Response>> send) {
            this.send = send;
        }

        Response send(String token, String sample) {
            return send.apply(token).apply(sample);
        }

        private static io.restassured.specification.RequestSpecification request(String token) {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aStrangerIsToldNotFoundWhileTheSampleIsLockedElsewhere(Route route) throws Exception {
        String sample = World.sample(owner, "private");
        assertRefusedWhileLocked(route, Tokens.of(stranger), sample, 404);
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aReaderIsRefusedWhileTheSampleIsLockedElsewhere(Route route) throws Exception {
        String sample = World.sample(owner, "shared");
        assertRefusedWhileLocked(route, Tokens.of(colleague), sample, 403);
    }

    /**
     * The owner may change the sample, so their PATCH waits for its lock, but not for longer than the connection's
     * lock_timeout: then it is answered 503 with Retry-After, and nothing is written.
     */
    @Test
    void anOwnerWhoWaitsLongerThanTheLockTimeoutIsToldToRetry() throws Exception {
        String sample = World.sample(owner, "private");
        warmUp(Tokens.of(owner));
        String before = Db.sampleSnapshot(sample);
        try (Holder holder = new Holder("SELECT 1 FROM samples WHERE id = ? FOR UPDATE", sample)) {
            Response response = answer(sent(() -> Route.PATCH.send(Tokens.of(owner),
                    sample)));
            assertEquals(503, response.statusCode(), response.asString());
            assertEquals("service_unavailable", response.jsonPath().getString("code"));
            assertEquals("5", response.header("Retry-After"));
            assertEquals(before, Db.sampleSnapshot(sample), "a PATCH that timed out changed the sample");
            assertEquals(0, holder.waiters(), "the timed-out PATCH still waits");
        }
    }

    /**
     * A stranger's PATCH of a sample locked elsewhere holds nothing of the organization meanwhile: its admin's
     * tightening lowers the organization's samples at once.
     */
    @Test
    void aTighteningIsNotDelayedByStrangersOfALockedSample() throws Exception {
        String locked = World.sample(owner, "private");
        String shared = World.sample(colleague, "public");
        warmUp(Tokens.of(stranger), Tokens.admin(owner));
        String before = Db.sampleSnapshot(locked);
        try (Holder holder = new Holder("SELECT 1 FROM samples WHERE id = ? FOR UPDATE", locked)) {
            CompletableFuture<Response> strangers = sent(
                    () -> Route.PATCH.send(Tokens.of(stranger), locked));
            holder.awaitAnswerOrWaiter(strangers);
            Response tightening = given().auth().oauth2(Tokens.admin(owner)).contentType(ContentType.JSON)
                    .body("{\"max_visibility\": \"shared\"}").patch("/api/v1/organizations/{id}", org.id());
            assertEquals(200, tightening.statusCode(), tightening.asString());
            assertEquals(404, answer(strangers).statusCode(), answer(strangers).asString());
            assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", shared));
            assertEquals(before, Db.sampleSnapshot(locked), "the stranger's PATCH changed the sample");
        }
    }

    /**
     * A member's PATCH that would make a sample public arrives while the organization's tightening waits for a
     * transaction that holds the policy row: it is served after the tightening, and refused by the new policy,
     * instead of joining the holders and keeping the tightening waiting.
     */
    @Test
    void aPatchThatArrivesWhileAnOrganizationsTighteningWaitsComesAfterIt() throws Exception {
        String sample = World.sample(owner, "private");
        assertServedAfterTheTightening("SELECT 1 FROM organizations WHERE id = ? FOR SHARE", org.id(), sample,
                () -> given().auth().oauth2(Tokens.admin(colleague)).contentType(ContentType.JSON)
                        .body("{\"max_visibility\": \"private\"}").patch("/api/v1/organizations/{id}", org.id()),
                "org_policy_violation");
    }

    @Test
    void aPatchThatArrivesWhileAnAccountsTighteningWaitsComesAfterIt() throws Exception {
        String sample = World.sample(owner, "private");
        assertServedAfterTheTightening("SELECT 1 FROM users WHERE id = ? FOR SHARE", owner.id(), sample,
                () -> given().auth().oauth2(Tokens.of(owner)).contentType(ContentType.JSON)
                        .body("{\"max_visibility\": \"private\"}").patch("/api/v1/account"),
                "account_policy_violation");
    }

    private void assertServedAfterTheTightening(String holdPolicy, String policyRow, String sample,
                                                Supplier<Response> tighten, String refusal) throws Exception {
        warmUp(Tokens.of(owner), Tokens.admin(colleague));
        String before = Db.sampleSnapshot(sample);
        CompletableFuture<Response> tightening;
        CompletableFuture<Response> patch;
        try (Holder holder = new Holder(holdPolicy, policyRow)) {
            tightening = sent(tighten);
            holder.awaitAnswerOrWaiter(tightening);
            assertFalse(tightening.isDone(), "the tightening did not wait for the policy row held elsewhere");
            patch = sent(() -> Route.PATCH.send(Tokens.of(owner), sample));
            holder.awaitAnswerOrWaiters(patch, 2);
        }
        assertEquals(200, answer(tightening).statusCode(), answer(tightening).asString());
        Response refused = answer(patch);
        assertEquals(403, refused.statusCode(), refused.asString());
        assertEquals(refusal, refused.jsonPath().getString("code"));
        assertEquals(before, Db.sampleSnapshot(sample), "the refused PATCH changed the sample");
    }

    private void assertRefusedWhileLocked(Route route, String token, String sample, int status) throws Exception {
        warmUp(token);
        String before = Db.sampleSnapshot(sample);
        try (Holder holder = new Holder("SELECT 1 FROM samples s JOIN metadata m ON m.sample_id = s.id"
                + " WHERE s.id = ? FOR UPDATE", sample)) {
            Response response = answer(sent(() -> route.send(token, sample)));
            assertEquals(status, response.statusCode(), response.asString());
            assertEquals(ContentType.JSON.toString(), response.contentType().split(";")[0]);
            assertEquals(before, Db.sampleSnapshot(sample), "a refused request changed the sample");
            assertEquals(0, holder.waiters(), "a request still waits for the held rows");
        }
    }

    /** First sight provisions a caller (a write to their user row): done before any row is held. */
    private static void warmUp(String... tokens) {
        for (String token : tokens) {
            given().auth().oauth2(token).get("/api/v1/account").then().statusCode(200);
        }
    }

    /**
     * Sends a request on a thread of its own: on a machine with two cores, Java 25 runs every supplyAsync on the common
     * pool's single thread, so a second request would not even be sent while the first waits.
     */
    private static CompletableFuture<Response> sent(Supplier<Response> request) {
        return CompletableFuture.supplyAsync(request, REQUESTS);
    }

    private static Response answer(CompletableFuture<Response> future) throws Exception {
        return future.get(ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    /** A transaction of another client that holds rows until it is closed (then rolled back). */
    private static final class Holder implements AutoCloseable {

        private final Connection connection;

        Holder(String lockingQuery, String id) throws SQLException {
            connection = DriverManager.getConnection(System.getProperty(
                    EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY));
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(lockingQuery)) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
        }

        /** How many other backends wait for a lock now. */
        long waiters() {
            return Db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
        }

        void awaitAnswerOrWaiter(CompletableFuture<Response> request) throws InterruptedException {
            awaitAnswerOrWaiters(request, 1);
        }

        /** Until the request was answered or {@code count} backends wait for a lock: then it either waits or did not. */
        void awaitAnswerOrWaiters(CompletableFuture<Response> request, long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
            while (!request.isDone() && waiters() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
