package org.samplesapi.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.Raw;
import org.samplesapi.support.Raw.Answer;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Generated PATCH requests (bodies and headers, jqwik generators with a fixed seed) against the running service. For
 * every one: first as a dry run, which must change nothing and answer exactly as the real request then does (but for
 * the time of the change); never a 5xx, every error is leak-free JSON, every rejection leaves the sample row, its tags, the projects
 * and tags it could reach and its audit trail byte-for-byte as they were, and no accepted change ever breaks a
 * sharing rule (the organization allows at most {@code shared}; only one project grants {@code can_add_files}).
 * <p>
 * {@code -Dfuzz.cases=100000} runs longer, {@code -Dfuzz.seed=N} replays a run; a failure names its seed and case.
 */
@QuarkusTest
class PatchFuzzHttpTest {

    /** {@code caller} names whose token it carries: the oracle judges an answer by who asked. */
    private record Request(String caller, String token, String contentType, String ifMatch, byte[] body,
                           String description) {
    }

    /** The callers that may change the sample: its owner and an admin of its organization, with valid tokens. */
    private static final Set<String> MAY_MODIFY = Set.of("owner", "admin");

    private static final int CASES = Integer.getInteger("fuzz.cases", 4_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    /** Workers each fuzz a world of their own (organization, users, projects, tags, sample), in parallel. */
    private static final int WORKERS = 4;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void generatedRequestsNeverFailOpenNorLeakNorWriteOnRejection() throws Exception {
        long started = System.nanoTime();
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(new Worker(SEED + w, CASES / WORKERS + (w < CASES % WORKERS ? 1 : 0)));
        }
        // jqwik generates on one thread (its session is per thread); the workers send and check in parallel.
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            Future<?> generation = pool.submit(() -> generate(workers));
            // Results in the order the workers finish: the first failure is reported, not the stall it causes in the
            // others (the generator stops feeding them once a failed worker's queue is full).
            CompletionService<Map<Integer, Integer>> runs = new ExecutorCompletionService<>(pool);
            for (Worker worker : workers) {
                runs.submit(worker::run);
            }
            for (int finished = 0; finished < workers.size(); finished++) {
                try {
                    Future<Map<Integer, Integer>> run = runs.poll(30, TimeUnit.MINUTES);
                    assertNotNull(run, "the fuzz run did not finish in 30 minutes");
                    run.get().forEach((status, count) -> statuses.merge(status, count, Integer::sum));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw e;
                }
            }
            generation.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("PATCH fuzz: %d cases in %d ms, seeds %d..%d, statuses %s%n", CASES,
                (System.nanoTime() - started) / 1_000_000, SEED, SEED + WORKERS - 1, statuses);
        assertEquals(CASES, statuses.values().stream().mapToInt(Integer::intValue).sum());
        // The generators must reach the interesting outcomes, or the run proves little (short replays may not).
        for (int status : CASES < 5_000 ? List.<Integer>of() : List.of(200, 400, 401, 403, 404, 412, 413, 415)) {
            assertTrue(statuses.getOrDefault(status, 0) > 0, "no " + status + " among " + statuses);
        }
        // At least a quarter must get past authentication and parsing to the authorization decision.
        int decided = statuses.getOrDefault(200, 0) + statuses.getOrDefault(403, 0) + statuses.getOrDefault(404, 0);
        assertTrue(CASES < 5_000 || decided * 4 >= CASES, "only " + decided + " decided among " + statuses);
    }

    /** Each worker's requests, from its own generator and seed: the same seed replays the same requests. */
    private static Void generate(List<Worker> workers) throws InterruptedException {
        JqwikSession.start();
        try {
            List<RandomGenerator<Request>> generators = new ArrayList<>();
            List<Random> randoms = new ArrayList<>();
            for (Worker worker : workers) {
                generators.add(worker.requests().generatorWithEmbeddedEdgeCases(1000));
                randoms.add(new Random(worker.seed));
            }
            boolean more = true;
            while (more) {
                more = false;
                for (int w = 0; w < workers.size(); w++) {
                    Worker worker = workers.get(w);
                    if (worker.generated < worker.cases) {
                        // A worker that failed takes no more: give up instead of blocking the others forever.
                        if (!worker.queue.offer(generators.get(w).next(randoms.get(w)).value(), 1, TimeUnit.MINUTES)) {
                            return null;
                        }
                        worker.generated++;
                        more = true;
                    }
                }
            }
            return null;
        } finally {
            JqwikSession.finish();
        }
    }

    /** One seeded stream of requests against one sample, checked after every answer. */
    private static final class Worker {

        private final long seed;
        private final int cases;
        private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(64);
        private int generated;
        private final Org org = World.org("shared", false);
        private final User owner = World.user(org);
        private final User colleague = World.user(org);
        private final User stranger = World.user(World.openOrg());
        private final User lead = World.user(org);
        private final String writable = World.project(lead, false);
        private final String readOnly = World.project(lead, false);
        private final String foreign = World.project(stranger, false);
        private final String mine = World.tag(owner, "WGS");
        private final String alsoMine = World.tag(owner, "16S");
        private final String theirs = World.tag(stranger, "secret");
        private final String id = World.sample(owner, "private");

        Worker(long seed, int cases) {
            this.seed = seed;
            this.cases = cases;
            World.member(writable, owner, "can_see_files", "can_add_files");
            World.member(readOnly, owner, "can_see_files");
            // The admin sees both projects but may add to neither: a move by them must be refused, not hidden.
            World.member(writable, colleague, "can_see_files");
            World.member(readOnly, colleague, "can_see_files");
        }

        Map<Integer, Integer> run() throws InterruptedException {
            Map<Integer, Integer> statuses = new HashMap<>();
            String state = snapshot();
            String project = Db.value("SELECT project_id FROM samples WHERE id = ?", id);
            for (int n = 0; n < cases; n++) {
                Request request = queue.poll(1, TimeUnit.MINUTES);
                assertNotNull(request, "no request generated for a minute: the generator stopped");
                Map<String, String> headers = request.ifMatch() == null ? Map.of() : Map.of("If-Match", request.ifMatch());
                Answer dryRun = Raw.send("PATCH", "/api/v1/samples/" + id + "?dry_run=true", request.token(),
                        request.contentType(), request.body(), headers);
                String afterDryRun = snapshot();
                Answer answer = Raw.send("PATCH", "/api/v1/samples/" + id, request.token(),
                        request.contentType(), request.body(), headers);
                statuses.merge(answer.status(), 1, Integer::sum);
                try {
                    assertEquals(state, afterDryRun, "a dry run wrote");
                    assertEquals(answer.status(), dryRun.status(), "the dry run answered " + dryRun.body());
                    assertEquals(comparable(answer), comparable(dryRun), "the dry run answered otherwise");
                    String after = snapshot();
                    if (answer.status() == 200) {
                        project = accepted(request.caller(), project, answer);
                        state = after;
                    } else {
                        Leaks.error(answer);
                        assertTrue(answer.status() < 500, "a server error");
                        assertEquals(state, after, "a rejected request wrote");
                    }
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ", case " + n + ": " + request.description()
                            + " -> " + answer.status() + " " + answer.body() + "\n" + e.getMessage(), e);
                }
            }
            Api.assertVisibilityAuditChain(id, "private");
            return statuses;
        }

        /**
         * An accepted change came from someone who may make it, answers the whole sample as stored, and stays within
         * every rule. Returns the sample's project now.
         */
        private String accepted(String caller, String projectBefore, Answer answer) throws AssertionError {
            assertTrue(MAY_MODIFY.contains(caller), "accepted from " + caller);
            JsonNode sample;
            try {
                sample = MAPPER.readTree(answer.body());
            } catch (Exception e) {
                throw new AssertionError("200 without a JSON sample", e);
            }
            String version = Db.value("SELECT version FROM samples WHERE id = ?", id);
            assertEquals("\"" + version + "\"", answer.header("ETag"));
            assertEquals("/api/v1/samples/" + id, sample.path("$uri").asText());
            String visibility = Db.value("SELECT visibility FROM samples WHERE id = ?", id);
            assertEquals(visibility, sample.path("visibility").asText());
            assertFalse("public".equals(visibility), "a sample went public in an organization capped at shared");
            String project = Db.value("SELECT project_id FROM samples WHERE id = ?", id);
            assertTrue(project == null || project.equals(writable), "moved into project " + project);
            if (project != null && !project.equals(projectBefore)) {
                // Only the owner holds can_add_files there; the admin holds no permission in any of the projects.
                assertEquals("owner", caller, "moved into " + project + " by a caller without can_add_files there");
            }
            List<String> tags = Db.column("SELECT tag_id FROM sample_tags WHERE sample_id = ?", id);
            assertTrue(Set.of(mine, alsoMine).containsAll(tags), "tagged with " + tags);
            return project;
        }

        /** An answer as a dry run must repeat it: the same body and ETag, but for the time of the change. */
        private static String comparable(Answer answer) {
            return answer.header("ETag") + " " + answer.body().replaceAll("\"updated_at\":\"[^\"]*\"", "");
        }

        /** Everything a PATCH of the sample could write, in one statement. */
        private String snapshot() {
            return Db.sampleSnapshot(id) + " | " + Db.value("""
                    SELECT concat_ws(' | ',
                      (SELECT json_agg(p ORDER BY p.id)::text FROM projects p WHERE p.id IN (?, ?, ?)),
                      (SELECT json_agg(m ORDER BY m.project_id, m.user_id)::text FROM project_members m
                         WHERE m.project_id IN (?, ?, ?)),
                      (SELECT json_agg(t ORDER BY t.id)::text FROM tags t WHERE t.id IN (?, ?, ?)))
                    """, writable, readOnly, foreign, writable, readOnly, foreign, mine, alsoMine, theirs);
        }

        // --- generators ---------------------------------------------------------------------------------------------

        private Arbitrary<Request> requests() {
            Map<String, String> tokens = new HashMap<>();
            // Valid for an hour, so that long runs (-Dfuzz.cases=100000) do not turn into 401s.
            tokens.put("owner", Tokens.sign(Tokens.claims(owner).expiresIn(3600)));
            tokens.put("colleague", Tokens.sign(Tokens.claims(colleague).expiresIn(3600)));
            tokens.put("stranger", Tokens.sign(Tokens.claims(stranger).expiresIn(3600)));
            tokens.put("admin", Tokens.sign(Tokens.claims(colleague).groups(Set.of("user", "org_admin"))
                    .expiresIn(3600)));
            tokens.put("expired", Tokens.expired(owner));
            tokens.put("garbage", "eyJhbGciOiJub25lIn0.e30.");
            Arbitrary<String> token = Arbitraries.frequencyOf(
                    Tuple.of(70, Arbitraries.just("owner")), Tuple.of(6, Arbitraries.just("colleague")),
                    Tuple.of(6, Arbitraries.just("stranger")), Tuple.of(6, Arbitraries.just("admin")),
                    Tuple.of(4, Arbitraries.just("expired")), Tuple.of(4, Arbitraries.just("garbage")),
                    Tuple.of(4, Arbitraries.just("none")));
            Arbitrary<String> contentType = Arbitraries.frequencyOf(
                    Tuple.of(80, Arbitraries.just("application/json")),
                    Tuple.of(6, Arbitraries.just("application/merge-patch+json")),
                    Tuple.of(3, Arbitraries.just("application/json; charset=utf-16")),
                    Tuple.of(3, Arbitraries.just("text/plain")),
                    Tuple.of(3, Arbitraries.just("none")),
                    Tuple.of(3, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30)),
                    Tuple.of(2, Arbitraries.just("multipart/form-data; boundary=x")));
            Arbitrary<String> ifMatch = Arbitraries.frequencyOf(
                    Tuple.of(80, Arbitraries.just("none")),
                    Tuple.of(8, Arbitraries.integers().between(0, 40).map(v -> "\"" + v + "\"")),
                    Tuple.of(3, Arbitraries.just("*")),
                    Tuple.of(3, Arbitraries.just("W/\"1\"")),
                    Tuple.of(6, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(20)));
            return Combinators.combine(token, contentType, ifMatch, bodies()).as((who, type, match, body) ->
                    new Request(who,
                    "none".equals(who) ? null : tokens.get(who),
                    "none".equals(type) || type.isBlank() ? null : type,
                    "none".equals(match) || match.isBlank() ? null : match,
                    body,
                    who + " " + type + " If-Match=" + match + " body=" + printable(body)));
        }

        private Arbitrary<byte[]> bodies() {
            Arbitrary<byte[]> structured = patchObject().map(PatchFuzzHttpTest::write);
            return Arbitraries.frequencyOf(
                    Tuple.of(50, validChange().map(PatchFuzzHttpTest::write)),
                    Tuple.of(10, structured),
                    Tuple.of(20, Combinators.combine(structured, mutations()).as((body, mutate) -> mutate.apply(body))),
                    Tuple.of(5, anyJson(4).map(PatchFuzzHttpTest::write)),
                    Tuple.of(5, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                    Tuple.of(5, Arbitraries.strings().ofMaxLength(64).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                    Tuple.of(5, extremes()));
        }

        /**
         * A body the parser accepts: one to three of the change keys, each with a well-formed value that refers to
         * this world's projects and tags (some of which the caller may not use). It reaches the policy decision.
         */
        private Arbitrary<JsonNode> validChange() {
            Arbitrary<JsonNode> visibility = Arbitraries.of("private", "shared", "public").map(NODES::textNode);
            Arbitrary<String> projectId = Arbitraries.of(writable, readOnly, foreign);
            Arbitrary<JsonNode> project = Arbitraries.frequencyOf(
                    Tuple.of(20, Arbitraries.just(NODES.nullNode())),
                    Tuple.of(40, projectId.map(NODES::textNode)),
                    Tuple.of(40, projectId.map(p -> refObject("/api/v1/projects/" + p))));
            // Distinct tags in any order, each by id or by $ref.
            Arbitrary<JsonNode> tags = Arbitraries.of(mine, alsoMine, theirs).list().ofMaxSize(3).uniqueElements()
                    .flatMap(ids -> Arbitraries.of(true, false).list().ofSize(ids.size()).map(byRef -> {
                        ArrayNode array = NODES.arrayNode();
                        for (int i = 0; i < ids.size(); i++) {
                            array.add(byRef.get(i) ? refObject("/api/v1/tags/" + ids.get(i))
                                    : NODES.textNode(ids.get(i)));
                        }
                        return (JsonNode) array;
                    }));
            return Combinators.combine(visibility.injectNull(0.4), project.injectNull(0.5), tags.injectNull(0.6))
                    .as((v, p, t) -> {
                        ObjectNode object = NODES.objectNode();
                        if (v != null) {
                            object.set("visibility", v);
                        }
                        if (p != null) {
                            object.set("project", p);
                        }
                        if (t != null || object.isEmpty()) {
                            object.set("tags", t == null ? NODES.arrayNode() : t);
                        }
                        return (JsonNode) object;
                    });
        }

        /** Mostly the keys PATCH knows, sometimes read-only, internal or made-up ones, with values of every kind. */
        private Arbitrary<JsonNode> patchObject() {
            Arbitrary<String> key = Arbitraries.frequencyOf(
                    Tuple.of(30, Arbitraries.just("visibility")), Tuple.of(25, Arbitraries.just("project")),
                    Tuple.of(25, Arbitraries.just("tags")),
                    Tuple.of(10, Arbitraries.of("owner", "status", "size", "$uri", "created_at", "updated_at",
                            "filename", "metadata", "organization", "version", "id", "primary_classification",
                            "error_msg")),
                    Tuple.of(10, Arbitraries.strings().ofMaxLength(12)));
            Arbitrary<Tuple.Tuple2<String, JsonNode>> entry = key.flatMap(k -> valueFor(k).map(v -> Tuple.of(k, v)));
            return entry.list().ofMaxSize(4).map(entries -> {
                ObjectNode object = NODES.objectNode();
                entries.forEach(e -> object.set(e.get1(), e.get2()));
                return object;
            });
        }

        private Arbitrary<JsonNode> valueFor(String key) {
            return switch (key) {
                case "visibility" -> Arbitraries.frequencyOf(
                        Tuple.of(70, Arbitraries.of("private", "shared", "public").map(NODES::textNode)),
                        Tuple.of(15, Arbitraries.of("importing", "awaiting data", "PUBLIC", "", " public", "deleted")
                                .map(NODES::textNode)),
                        Tuple.of(15, anyJson(2)));
                case "project" -> Arbitraries.frequencyOf(Tuple.of(50, projectRef()), Tuple.of(10, anyJson(2)));
                case "tags" -> Arbitraries.frequencyOf(
                        Tuple.of(70, tagRef().list().ofMaxSize(6).map(PatchFuzzHttpTest::array)),
                        Tuple.of(5, tagRef().list().ofMinSize(250).ofMaxSize(300).map(PatchFuzzHttpTest::array)),
                        Tuple.of(25, anyJson(3)));
                default -> anyJson(2);
            };
        }

        private Arbitrary<JsonNode> projectRef() {
            Arbitrary<String> ids = Arbitraries.frequencyOf(
                    Tuple.of(30, Arbitraries.just(writable)), Tuple.of(20, Arbitraries.just(readOnly)),
                    Tuple.of(20, Arbitraries.just(foreign)),
                    Tuple.of(10, Arbitraries.strings().withChars("0123456789abcdef").ofLength(16)),
                    Tuple.of(10, Arbitraries.strings().ofMaxLength(20)));
            return Arbitraries.frequencyOf(
                    Tuple.of(10, Arbitraries.just(NODES.nullNode())),
                    Tuple.of(40, ids.map(NODES::textNode)),
                    Tuple.of(40, ids.flatMap(PatchFuzzHttpTest::ref).map(PatchFuzzHttpTest::refObject)));
        }

        private Arbitrary<JsonNode> tagRef() {
            Arbitrary<String> ids = Arbitraries.frequencyOf(
                    Tuple.of(35, Arbitraries.just(mine)), Tuple.of(35, Arbitraries.just(alsoMine)),
                    Tuple.of(15, Arbitraries.just(theirs)),
                    Tuple.of(10, Arbitraries.strings().withChars("0123456789abcdef").ofLength(16)),
                    Tuple.of(5, Arbitraries.strings().ofMaxLength(20)));
            return Arbitraries.frequencyOf(
                    Tuple.of(45, ids.map(NODES::textNode)),
                    Tuple.of(45, ids.map(i -> "/api/v1/tags/" + i).map(PatchFuzzHttpTest::refObject)),
                    Tuple.of(10, anyJson(1)));
        }
    }

    /** A {@code $ref} to a project: mostly right, sometimes to another host, another type or up the path. */
    private static Arbitrary<String> ref(String projectId) {
        return Arbitraries.of(
                "/api/v1/projects/" + projectId, "/api/v1/projects/" + projectId, "/api/v1/projects/" + projectId,
                "https://evil.example.com/api/v1/projects/" + projectId,
                "//evil.example.com/api/v1/projects/" + projectId,
                "/api/v1/projects/../samples/" + projectId, "/api/v1/projects/%2e%2e/" + projectId,
                "/api/v1/tags/" + projectId, "/api/v1/projects/" + projectId + "?x=1", "api/v1/projects/" + projectId,
                "/api/v2/projects/" + projectId, "/API/V1/PROJECTS/" + projectId);
    }

    /** Any JSON value, nested up to {@code depth}. */
    private static Arbitrary<JsonNode> anyJson(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.strings().ofMaxLength(30).map(NODES::textNode),
                Arbitraries.strings().withChars('\u0000', '\uffff').ofMaxLength(8).map(NODES::textNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> nested = anyJson(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaf),
                Tuple.of(2, nested.list().ofMaxSize(3).map(PatchFuzzHttpTest::array)),
                Tuple.of(2, Combinators.combine(Arbitraries.of("$ref", "a", "visibility", "").list().ofMaxSize(3),
                        nested.list().ofSize(3)).as((keys, values) -> {
                            ObjectNode object = NODES.objectNode();
                            for (int i = 0; i < keys.size(); i++) {
                                object.set(keys.get(i), values.get(i));
                            }
                            return (JsonNode) object;
                        })));
    }

    /** Byte-level damage to a well-formed body: what a broken or malicious client sends. */
    private static Arbitrary<java.util.function.UnaryOperator<byte[]>> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Byte> hostileByte = Arbitraries.of((byte) 0, (byte) 0xff, (byte) 0xc0, (byte) 0xc3, (byte) 0x80,
                (byte) '"', (byte) '{', (byte) ']', (byte) '\\', (byte) ',', (byte) 0x7f, (byte) '\n');
        return Arbitraries.oneOf(
                Combinators.combine(position, hostileByte).as((at, b) -> body -> insert(body, at, b)),
                Combinators.combine(position, hostileByte).as((at, b) -> body -> replace(body, at, b)),
                position.map(at -> body -> java.util.Arrays.copyOf(body, body.length == 0 ? 0 : at % body.length)),
                Arbitraries.just(body -> duplicateFirstKey(body)));
    }

    /** Sizes and shapes at and beyond the limits: nesting, long strings, many tags, large bodies. */
    private static Arbitrary<byte[]> extremes() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(10, 3000).map(n -> "{\"tags\": " + "[".repeat(n) + "]".repeat(n) + "}"),
                Arbitraries.integers().between(10, 3000).map(n -> "{\"a\": " + "{\"a\": ".repeat(n) + "1"
                        + "}".repeat(n) + "}"),
                Arbitraries.integers().between(1000, 80_000).map(n -> "{\"visibility\": \"" + "x".repeat(n) + "\"}"),
                Arbitraries.integers().between(1000, 80_000).map(n -> "{\"tags\": [" + "\"0123456789abcdef\","
                        .repeat(n / 19) + "\"0123456789abcdef\"]}"),
                Arbitraries.of("{}", "[]", "null", "\"public\"", "{\"visibility\": \"public\"} {}", "\uFEFF{}",
                        "{\"visibility\" \"public\"}", "{'visibility': 'public'}", "{\"visibility\": \"public\",}"))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] insert(byte[] body, int at, byte value) {
        int i = body.length == 0 ? 0 : at % (body.length + 1);
        byte[] out = new byte[body.length + 1];
        System.arraycopy(body, 0, out, 0, i);
        out[i] = value;
        System.arraycopy(body, i, out, i + 1, body.length - i);
        return out;
    }

    private static byte[] replace(byte[] body, int at, byte value) {
        if (body.length == 0) {
            return new byte[] {value};
        }
        byte[] out = body.clone();
        out[at % body.length] = value;
        return out;
    }

    private static byte[] duplicateFirstKey(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int comma = text.indexOf(',');
        int open = text.indexOf('{');
        if (open < 0 || text.length() < 3) {
            return body;
        }
        String first = comma > 0 ? text.substring(open + 1, comma) : text.substring(open + 1, text.length() - 1);
        return ("{" + first + "," + text.substring(open + 1)).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode refObject(String ref) {
        return NODES.objectNode().put("$ref", ref);
    }

    private static JsonNode array(List<JsonNode> items) {
        ArrayNode array = NODES.arrayNode();
        array.addAll(items);
        return array;
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String printable(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return out + (body.length > 300 ? "... (" + body.length + " bytes)" : "");
    }
}
