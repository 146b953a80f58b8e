import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.Decision;
import org.samplesapi.policy.PatchContext;
import org.samplesapi.policy.ProjectAccess;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SampleFacts;
import org.samplesapi.policy.SamplePolicy;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.SharingPolicy;
import org.samplesapi.policy.Visibility;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The "limit" of bench/patch-load.sh: {@code PATCH /api/v1/samples/{id}} on raw Vert.x and vertx-pg-client, no
 * framework. The same semantics as the service: the bearer token verified locally against the issuer's JWKS (RS256,
 * issuer, audience, expiry, subject: jose4j, which quarkus-oidc uses too); the caller's user row looked up once per
 * subject and cached (the service caches its provisioning the same way; this one does not provision new users); the
 * same body rules (only visibility, project, tags); the same context (the service's context query, restated over
 * positional parameters) and the same pure decision ({@code SamplePolicy.decidePatch}, from target/classes); and the
 * same transaction: the sample row locked (and the policy rows for a more permissive change), the change, the tags and
 * the audit events. Fewest statements: the whole write is one statement, so an accepted change is BEGIN, the context,
 * the write, COMMIT.
 *
 * <p>Configured by system properties: {@code port}, {@code pg.host}, {@code pg.port}, {@code pg.database},
 * {@code pg.user}, {@code pg.password}, {@code pool.size} (20, as the service), {@code issuer}, {@code audience}.
 */
public class BaselineServer {

    static final String ISSUER = System.getProperty("issuer");
    static final String AUDIENCE = System.getProperty("audience", "samples-api");
    static final int MAX_BODY = 65536;
    static final int MAX_TAGS = 256;
    static final Pattern ID = Pattern.compile("[a-z0-9]{16}");
    static final String SAMPLE_PATH = "/api/v1/samples/";
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    public static void main(String[] args) throws Exception {
        JsonWebKeySet keys = new JsonWebKeySet(fetch(new JsonObject(fetch(ISSUER + "/.well-known/openid-configuration"))
                .getString("jwks_uri")));
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors(); // Quarkus's default, one server per loop
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new PatchVerticle(keys), new DeploymentOptions().setInstances(eventLoops))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                })
                .onSuccess(id -> System.out.println("baseline listening on " + Integer.getInteger("port", 8090)));
    }

    static String fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A refusal: rolls the transaction back and becomes a JSON error. */
    static final class Refusal extends RuntimeException {
        final int status;
        final JsonObject body;

        Refusal(int status, String message, String code) {
            super(message, null, false, false);
            this.status = status;
            this.body = new JsonObject().put("status", status).put("message", message);
            if (code != null) {
                body.put("code", code);
            }
        }

        static Refusal of(Decision.Deny deny) {
            boolean hidden = deny.reason().kind() == org.samplesapi.policy.DenialReason.Kind.NOT_FOUND;
            Refusal refusal = new Refusal(hidden ? 404 : 403, deny.message(), deny.reason().code());
            if (deny.item() != null) {
                refusal.body.put("item", new JsonObject().put("type", deny.item().type()).put("id", deny.item().id()));
            }
            return refusal;
        }
    }

    record Row1(String id, String ownerId, String projectId, String classificationId, String metadataId,
                String filename, Long size, SampleStatus status, Visibility visibility, String errorMsg, long version,
                OffsetDateTime createdAt, OffsetDateTime updatedAt, List<String> tagIds) {
    }

    static final class PatchVerticle extends AbstractVerticle {

        // The service's context query (SampleRepository.CONTEXT_SQL with SampleScope.READABLE inlined), over $1
        // sample, $2 caller, $3 caller's organization, $4 requested project, $5 requested tag ids, $6 org admin.
        // A copy on purpose (the baseline uses no framework): when the service's query changes, change this too.
        static final String READABLE = """
                rs.status <> 'deleted' AND (rs.visibility = 'public' OR rs.owner_id = $2
                  OR ($6 AND rw.organization_id = $3)
                  OR (rs.visibility = 'shared' AND (rw.organization_id = $3 OR EXISTS (SELECT 1 FROM projects p
                       WHERE p.id = rs.project_id AND (p.owner_id = $2 OR EXISTS (SELECT 1 FROM project_members pm
                         WHERE pm.project_id = p.id AND pm.user_id = $2
                           AND 'can_see_files' = ANY (pm.permissions)))))))""";
        static final String CONTEXT = """
                SELECT s.id, s.owner_id, s.project_id, s.primary_classification_id, m.id, s.filename, s.size,
                       s.status, s.visibility, s.error_msg, s.version, s.created_at, s.updated_at,
                       (SELECT string_agg(st.tag_id, ',' ORDER BY st.position) FROM sample_tags st
                         WHERE st.sample_id = s.id),
                       ow.organization_id, ow.email, ow.max_visibility, ow.holds_pii,
                       o.name, o.max_visibility, o.holds_pii,
                       (sp.owner_id = $2 OR EXISTS (SELECT 1 FROM project_members spm
                         WHERE spm.project_id = s.project_id AND spm.user_id = $2
                           AND 'can_see_files' = ANY (spm.permissions))),
                       tp.id, tp.owner_id = $2, tp.public, array_to_string(tpm.permissions, ','),
                       tpm.user_id IS NOT NULL,
                       (SELECT string_agg(t.id, ',') FROM tags t JOIN users tu ON tu.id = t.owner_id
                         WHERE t.id = ANY (string_to_array($5, ','))
                           AND (t.owner_id = $2 OR tu.organization_id = $3
                                OR EXISTS (SELECT 1 FROM sample_tags cur WHERE cur.sample_id = s.id AND cur.tag_id = t.id)
                                OR EXISTS (SELECT 1 FROM (SELECT rt.sample_id FROM sample_tags rt WHERE rt.tag_id = t.id
                                                          OFFSET 0) rt
                                            JOIN samples rs ON rs.id = rt.sample_id
                                            JOIN users rw ON rw.id = rs.owner_id WHERE %1$s))),
                       (SELECT snap.version FROM samples snap WHERE snap.id = s.id)
                FROM samples s
                JOIN users ow ON ow.id = s.owner_id
                LEFT JOIN LATERAL (SELECT org.name, org.max_visibility, org.holds_pii FROM organizations org
                                    WHERE org.id = ow.organization_id %2$s) o ON true
                LEFT JOIN metadata m ON m.sample_id = s.id
                LEFT JOIN projects sp ON sp.id = s.project_id
                LEFT JOIN projects tp ON tp.id = $4
                LEFT JOIN project_members tpm ON tpm.project_id = tp.id AND tpm.user_id = $2
                WHERE s.id = $1 %4$s
                %3$s""";
        // As the service: a locking read reads (and locks) only a sample the caller may modify, and takes the policy
        // rows' advisory locks (PolicyLocks) before their row locks; others are decided on an unlocked read.
        static final String MODIFIABLE = "AND (s.owner_id = $2 OR ($6 AND ow.organization_id = $3))";
        static final String CONTEXT_UNLOCKED = CONTEXT.formatted(READABLE, "", "", "");
        static final String CONTEXT_LOCK_SAMPLE = CONTEXT.formatted(READABLE, "", "FOR UPDATE OF s", MODIFIABLE);
        static final String CONTEXT_LOCK_POLICIES = CONTEXT.formatted(READABLE,
                "AND CAST(pg_advisory_xact_lock_shared(2, hashtext(org.id)) AS text) = '' FOR SHARE",
                "FOR UPDATE OF s FOR SHARE OF ow",
                MODIFIABLE + " AND CAST(pg_advisory_xact_lock_shared(1, hashtext(ow.id)) AS text) = ''");

        // The whole write in one statement: the sample, its tag set (when $6 is not null) and the audit events.
        static final String WRITE = """
                WITH changed AS (
                    UPDATE samples SET visibility = $2, project_id = $3, version = $4, updated_at = $5 WHERE id = $1),
                wanted AS (
                    SELECT w.tag_id, CAST(w.ord AS integer) AS position
                    FROM unnest(string_to_array($6, ',')) WITH ORDINALITY AS w(tag_id, ord)),
                dropped AS (
                    DELETE FROM sample_tags st
                    WHERE $6 IS NOT NULL AND st.sample_id = $1 AND st.tag_id NOT IN (SELECT tag_id FROM wanted)),
                added AS (
                    INSERT INTO sample_tags (sample_id, tag_id, position) SELECT $1, tag_id, position FROM wanted
                    ON CONFLICT (sample_id, tag_id) DO UPDATE SET position = EXCLUDED.position)
                INSERT INTO audit_events (id, sample_id, actor_id, field, old_value, new_value, created_at)
                SELECT e.id, $1, $7, e.field, e.old_value, e.new_value, $5
                FROM unnest($8::text[], $9::text[], $10::text[], $11::text[]) AS e(id, field, old_value, new_value)""";

        static final String CALLER = """
                SELECT u.id, o.id FROM users u LEFT JOIN organizations o ON o.external_id = $2 WHERE u.subject = $1""";

        final JsonWebKeySet keys;
        final Map<String, Caller> callers = new HashMap<>(); // per event loop: no locking
        JwtConsumer tokens;
        Pool pool;

        PatchVerticle(JsonWebKeySet keys) {
            this.keys = keys;
        }

        @Override
        public void start(io.vertx.core.Promise<Void> started) {
            tokens = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setExpectedIssuer(ISSUER)
                    .setExpectedAudience(AUDIENCE)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                    .build();
            PgConnectOptions connect = new PgConnectOptions()
                    .setHost(System.getProperty("pg.host", "localhost"))
                    .setPort(Integer.getInteger("pg.port", 5432))
                    .setDatabase(System.getProperty("pg.database", "postgres"))
                    .setUser(System.getProperty("pg.user", "postgres"))
                    .setPassword(System.getProperty("pg.password", "postgres"))
                    // The context query is longer than the driver's default 2 KB limit of cacheable statements: without
                    // this it would be parsed and planned on every request (as the service's was, see DatabasePool).
                    .setCachePreparedStatements(true)
                    .setPreparedStatementCacheSqlLimit(16 * 1024);
            PoolOptions poolOptions = new PoolOptions().setMaxSize(Integer.getInteger("pool.size", 20))
                    .setShared(true).setName("baseline");
            pool = PgBuilder.pool().with(poolOptions).connectingTo(connect).using(vertx).build();
            vertx.createHttpServer(new HttpServerOptions().setPort(Integer.getInteger("port", 8090)))
                    .requestHandler(this::handle)
                    .listen()
                    .<Void>mapEmpty()
                    .onComplete(started);
        }

        void handle(HttpServerRequest request) {
            if (request.path().equals("/q/health/ready")) {
                pool.query("SELECT 1").execute().onComplete(done -> request.response()
                        .setStatusCode(done.succeeded() ? 200 : 503).end());
                return;
            }
            if (request.method() != HttpMethod.PATCH || !request.path().startsWith(SAMPLE_PATH)) {
                fail(request, new Refusal(404, "Not found.", "not_found"));
                return;
            }
            String length = request.getHeader("Content-Length");
            if (length != null && Long.parseLong(length) > MAX_BODY) {
                fail(request, new Refusal(413, "The body may be at most " + MAX_BODY + " bytes.", null));
                return;
            }
            request.body()
                    .compose(body -> patch(request, request.path().substring(SAMPLE_PATH.length()), body))
                    .onSuccess(row -> request.response()
                            .putHeader("Content-Type", "application/json")
                            .putHeader("ETag", "\"" + row.version() + "\"")
                            .putHeader("Cache-Control", "private, no-store")
                            .putHeader("X-Content-Type-Options", "nosniff")
                            .end(view(row).toBuffer()))
                    .onFailure(failure -> {
                        if (!(failure instanceof Refusal)) {
                            failure.printStackTrace(); // a bug of the baseline: the benchmark counts the 500
                        }
                        fail(request, failure instanceof Refusal refusal ? refusal
                                : new Refusal(500, "Internal error.", null));
                    });
        }

        Future<Row1> patch(HttpServerRequest request, String sampleId, Buffer body) {
            SampleChange change;
            try {
                JwtClaims claims = authenticate(request.getHeader("Authorization"));
                String contentType = request.getHeader("Content-Type");
                if (contentType == null || !(contentType.startsWith("application/json")
                        || contentType.startsWith("application/merge-patch+json"))) {
                    throw new Refusal(415, "The body must be application/json.", null);
                }
                if (!ID.matcher(sampleId).matches()) {
                    throw Refusal.of(SamplePolicy.sampleNotFound());
                }
                change = parse(body);
                return caller(claims).compose(caller -> pool.withTransaction(connection -> change(connection, caller,
                        sampleId, change, request.getHeader("If-Match"))));
            } catch (Refusal refusal) {
                return Future.failedFuture(refusal);
            }
        }

        JwtClaims authenticate(String authorization) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new Refusal(401, "A bearer token is required.", null);
            }
            try {
                return tokens.processToClaims(authorization.substring(7).trim());
            } catch (Exception invalid) {
                throw new Refusal(401, "The bearer token is not valid.", null);
            }
        }

        /** The caller's user and organization rows, looked up once per subject. */
        Future<Caller> caller(JwtClaims claims) {
            try {
                String subject = claims.getSubject();
                Caller known = callers.get(subject);
                if (known != null) {
                    return Future.succeededFuture(known);
                }
                String organization = claims.getClaimValueAsString("org_id");
                boolean admin = claims.isClaimValueStringList("groups")
                        && claims.getStringListClaimValue("groups").contains("org_admin");
                return pool.preparedQuery(CALLER).execute(Tuple.of(subject, organization)).map(rows -> {
                    if (rows.size() == 0) {
                        throw new Refusal(401, "Unknown user.", null);
                    }
                    Row row = rows.iterator().next();
                    Caller found = new Caller(row.getString(0), row.getString(1), admin);
                    callers.put(subject, found);
                    return found;
                });
            } catch (org.jose4j.jwt.MalformedClaimException malformed) {
                return Future.failedFuture(new Refusal(401, "The bearer token is not valid.", null));
            }
        }

        static SampleChange parse(Buffer body) {
            JsonObject root;
            try {
                root = body.toJsonObject();
            } catch (Exception notAnObject) {
                throw new Refusal(400, "The body must be a JSON object.", null);
            }
            Visibility visibility = null;
            boolean setsProject = false;
            String projectId = null;
            List<String> tagIds = null;
            for (Map.Entry<String, Object> field : root) {
                Object value = field.getValue();
                switch (field.getKey()) {
                    case "visibility" -> visibility = value instanceof String text ? Visibility.fromWire(text)
                            .orElseThrow(() -> invalid("visibility")) : null;
                    case "project" -> {
                        setsProject = true;
                        projectId = value == null ? null : ref(value, "projects");
                    }
                    case "tags" -> {
                        if (!(value instanceof JsonArray list)) {
                            throw invalid("tags");
                        }
                        Set<String> ids = new LinkedHashSet<>();
                        list.forEach(tag -> ids.add(ref(tag, "tags")));
                        if (ids.size() > MAX_TAGS) {
                            throw invalid("tags");
                        }
                        tagIds = List.copyOf(ids);
                    }
                    default -> throw invalid(field.getKey());
                }
                if (field.getKey().equals("visibility") && visibility == null) {
                    throw invalid("visibility");
                }
            }
            return new SampleChange(visibility, setsProject, projectId, tagIds);
        }

        /** An id, or a {@code {"$ref": "/api/v1/<resource>/<id>"}}. */
        static String ref(Object value, String resource) {
            String id = value instanceof String text ? text
                    : value instanceof JsonObject ref && ref.size() == 1 && ref.getValue("$ref") instanceof String uri
                            && uri.startsWith("/api/v1/" + resource + "/")
                            ? uri.substring(("/api/v1/" + resource + "/").length()) : null;
            if (id == null || !ID.matcher(id).matches()) {
                throw invalid(resource);
            }
            return id;
        }

        static Refusal invalid(String field) {
            return new Refusal(400, "'" + field + "' is not valid here.", null);
        }

        Future<Row1> change(SqlConnection connection, Caller caller, String sampleId, SampleChange change,
                            String ifMatch) {
            boolean morePermissive = change.visibility() != null && change.visibility() != Visibility.PRIVATE;
            String targetProject = change.setsProject() ? change.projectId() : null;
            Tuple parameters = Tuple.of(sampleId, caller.userId(), caller.organizationId(), targetProject,
                    change.tagIds() == null ? "" : String.join(",", change.tagIds()), caller.orgAdmin());
            String sql = morePermissive ? CONTEXT_LOCK_POLICIES : CONTEXT_LOCK_SAMPLE;
            return connection.preparedQuery(sql).execute(parameters)
                    // A row that waited for its lock came with an older snapshot's context: read it again, as the
                    // service does.
                    .compose(rows -> rows.size() == 1 && stale(rows.iterator().next())
                            ? connection.preparedQuery(sql).execute(parameters) : Future.succeededFuture(rows))
                    .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows)
                            : connection.preparedQuery(CONTEXT_UNLOCKED).execute(parameters))
                    .compose(rows -> {
                        if (rows.size() == 0) {
                            throw Refusal.of(SamplePolicy.sampleNotFound());
                        }
                        Row row = rows.iterator().next();
                        Row1 sample = sample(row);
                        PatchContext context = context(caller, targetProject, sample, row);
                        if (SamplePolicy.decidePatch(context, change) instanceof Decision.Deny deny) {
                            throw Refusal.of(deny);
                        }
                        if (ifMatch != null && Arrays.stream(ifMatch.split(",")).map(String::trim)
                                .noneMatch(tag -> tag.equals("*") || tag.equals("\"" + sample.version() + "\""))) {
                            throw new Refusal(412, "The sample has changed since the ETag you sent.", null);
                        }
                        return write(connection, caller, sample, change);
                    });
        }

        static boolean stale(Row row) {
            Long snapshot = row.getLong(row.size() - 1);
            return snapshot == null || snapshot != row.getLong(10).longValue();
        }

        Future<Row1> write(SqlConnection connection, Caller caller, Row1 current, SampleChange change) {
            Visibility visibility = change.visibility() == null ? current.visibility() : change.visibility();
            String projectId = change.setsProject() ? change.projectId() : current.projectId();
            List<String> tagIds = change.tagIds() == null ? current.tagIds() : change.tagIds();
            boolean visibilityChanged = visibility != current.visibility();
            boolean projectChanged = !Objects.equals(projectId, current.projectId());
            boolean tagsChanged = !tagIds.equals(current.tagIds());
            if (!visibilityChanged && !projectChanged && !tagsChanged) {
                return Future.succeededFuture(current);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            List<String[]> events = new ArrayList<>(2);
            if (visibilityChanged) {
                events.add(new String[] {newId(), "visibility", current.visibility().wireName(), visibility.wireName()});
            }
            if (projectChanged) {
                events.add(new String[] {newId(), "project", current.projectId(), projectId});
            }
            Tuple parameters = Tuple.tuple().addString(current.id()).addString(visibility.wireName())
                    .addString(projectId).addLong(current.version() + 1).addOffsetDateTime(now)
                    .addString(tagsChanged ? String.join(",", tagIds) : null).addString(caller.userId())
                    .addArrayOfString(events.stream().map(e -> e[0]).toArray(String[]::new))
                    .addArrayOfString(events.stream().map(e -> e[1]).toArray(String[]::new))
                    .addArrayOfString(events.stream().map(e -> e[2]).toArray(String[]::new))
                    .addArrayOfString(events.stream().map(e -> e[3]).toArray(String[]::new));
            return connection.preparedQuery(WRITE).execute(parameters)
                    .map(done -> new Row1(current.id(), current.ownerId(), projectId, current.classificationId(),
                            current.metadataId(), current.filename(), current.size(), current.status(), visibility,
                            current.errorMsg(), current.version() + 1, current.createdAt(), now, tagIds));
        }

        static Row1 sample(Row row) {
            return new Row1(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getString(5), row.getLong(6), SampleStatus.fromWire(row.getString(7)).orElseThrow(),
                    Visibility.fromWire(row.getString(8)).orElseThrow(), row.getString(9), row.getLong(10),
                    row.getOffsetDateTime(11), row.getOffsetDateTime(12), list(row.getString(13)));
        }

        static PatchContext context(Caller caller, String targetProject, Row1 sample, Row row) {
            SharingPolicy account = new SharingPolicy(row.getString(15) == null ? sample.ownerId() : row.getString(15),
                    Visibility.fromWire(row.getString(16)).orElseThrow(), row.getBoolean(17));
            SharingPolicy organization = row.getString(18) == null ? SharingPolicy.unrestricted("none")
                    : new SharingPolicy(row.getString(18), Visibility.fromWire(row.getString(19)).orElseThrow(),
                            row.getBoolean(20));
            SampleFacts facts = new SampleFacts(sample.ownerId(), row.getString(14), sample.visibility(),
                    sample.status(), sample.projectId(), bool(row, 21));
            return new PatchContext(caller, facts, account, organization,
                    ProjectAccess.resolve(targetProject, row.getString(22), bool(row, 23), bool(row, 24), row.getString(25),
                            bool(row, 26)),
                    new HashSet<>(list(row.getString(27))));
        }

        static boolean bool(Row row, int column) {
            return Boolean.TRUE.equals(row.getBoolean(column));
        }

        static List<String> list(String joined) {
            return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
        }

        static String newId() {
            byte[] bytes = new byte[8];
            ThreadLocalRandom.current().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        /** The sample object the service returns: the same 13 members in the same order. */
        static JsonObject view(Row1 row) {
            JsonArray tags = new JsonArray();
            row.tagIds().forEach(id -> tags.add(ref("tags", id)));
            return new JsonObject()
                    .put("$uri", SAMPLE_PATH + row.id())
                    .put("created_at", timestamp(row.createdAt()))
                    .put("error_msg", row.errorMsg())
                    .put("filename", row.filename())
                    .put("metadata", ref("metadata", row.metadataId()))
                    .put("owner", ref("users", row.ownerId()))
                    .put("primary_classification", ref("classifications", row.classificationId()))
                    .put("project", ref("projects", row.projectId()))
                    .put("size", row.size())
                    .put("status", row.status().wireName())
                    .put("tags", tags)
                    .put("updated_at", timestamp(row.updatedAt()))
                    .put("visibility", row.visibility().wireName());
        }

        static JsonObject ref(String resource, String id) {
            return id == null ? null : new JsonObject().put("$ref", "/api/v1/" + resource + "/" + id);
        }

        static String timestamp(OffsetDateTime time) {
            return time == null ? null : TIMESTAMP.format(time.toInstant());
        }

        static void fail(HttpServerRequest request, Refusal refusal) {
            var response = request.response().setStatusCode(refusal.status)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "private, no-store")
                    .putHeader("X-Content-Type-Options", "nosniff");
            if (refusal.status == 401) {
                response.putHeader("WWW-Authenticate", "Bearer");
            }
            response.end(refusal.body.toBuffer());
        }
    }
}
