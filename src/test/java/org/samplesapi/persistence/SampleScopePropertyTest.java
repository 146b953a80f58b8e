package org.samplesapi.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.SampleFacts;
import org.samplesapi.policy.SamplePolicy;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;
import org.samplesapi.support.EmbeddedPostgresResource;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Every SQL scope agrees with the policy, on random worlds: organizations with their policies, users with and without
 * an organization, admins, projects with mixed permissions, samples in every status and visibility (jqwik generators,
 * a fixed seed; {@code -Dscopes.seed=N} replays a run, {@code -Dscopes.worlds=N} runs more). For every caller of a
 * world, {@link SampleScope#READABLE} returns exactly the samples {@link SamplePolicy#canRead} allows,
 * {@link SampleScope#MODIFIABLE} exactly those {@link SamplePolicy#canModify} allows, and the lists' scopes stay
 * within what the caller may read. In the first worlds the read routes are asked too: a sample's GET, and the lists.
 */
@QuarkusTest
class SampleScopePropertyTest {

    private static final long SEED = Long.getLong("scopes.seed", 20261207L);
    private static final int WORLDS = Integer.getInteger("scopes.worlds", 30);
    private static final int WORLDS_ASKED_THROUGH_ROUTES = 6;
    private static final List<String> PERMISSIONS = List.of("can_see_files", "can_add_files", "can_edit_metadata");

    record OrgSpec(Visibility cap, boolean holdsPii) {
    }

    /** {@code org} indexes the world's organizations, -1 for none. */
    record UserSpec(int org, Visibility cap) {
    }

    /** {@code members}: per user, -1 for none, otherwise a bit set over {@link #PERMISSIONS}. */
    record ProjectSpec(int owner, boolean isPublic, List<Integer> members) {
    }

    /** {@code project}: -1 for none. */
    record SampleSpec(int owner, Visibility visibility, SampleStatus status, int project) {
    }

    record WorldSpec(List<OrgSpec> orgs, List<UserSpec> users, List<ProjectSpec> projects, List<SampleSpec> samples) {
    }

    /** A world as stored: ids in the order of its spec. */
    record Built(WorldSpec spec, List<String> orgs, List<World.User> users, List<String> projects,
                 List<String> samples) {
    }

    @Test
    void everyScopeAgreesWithThePolicyForEveryCaller() throws Exception {
        List<WorldSpec> worlds = generate();
        int callers = 0;
        int pairs = 0;
        try (Connection db = DriverManager.getConnection(
                System.getProperty(EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY))) {
            for (int w = 0; w < worlds.size(); w++) {
                Built world = build(worlds.get(w));
                callers += 2 * world.users().size();
                pairs += 2 * world.users().size() * world.samples().size();
                try {
                    check(db, world, w < WORLDS_ASKED_THROUGH_ROUTES);
                } catch (AssertionError | SQLException e) {
                    throw new AssertionError("seed " + SEED + ", world " + w + ": " + worlds.get(w) + "\n"
                            + e.getMessage(), e);
                }
            }
        }
        System.out.printf("Scopes: %d worlds, %d callers, %d (caller, sample) pairs decided by policy and SQL, seed %d%n",
                worlds.size(), callers, pairs, SEED);
    }

    private static List<WorldSpec> generate() {
        JqwikSession.start();
        try {
            Random random = new Random(SEED);
            var generator = worlds().generator(WORLDS);
            List<WorldSpec> worlds = new ArrayList<>();
            for (int i = 0; i < WORLDS; i++) {
                worlds.add(generator.next(random).value());
            }
            return worlds;
        } finally {
            JqwikSession.finish();
        }
    }

    private static Arbitrary<WorldSpec> worlds() {
        Arbitrary<Visibility> caps = Arbitraries.of(Visibility.class);
        Arbitrary<List<OrgSpec>> orgs = Combinators.combine(caps, Arbitraries.of(true, false)).as(OrgSpec::new)
                .list().ofMinSize(1).ofMaxSize(3);
        return orgs.flatMap(orgList -> Combinators.combine(Arbitraries.integers().between(-1, orgList.size() - 1),
                        caps).as(UserSpec::new).list().ofMinSize(2).ofMaxSize(5)
                .flatMap(users -> Combinators.combine(
                                Arbitraries.integers().between(0, users.size() - 1), Arbitraries.of(true, false),
                                Arbitraries.integers().between(-1, 7).list().ofSize(users.size()))
                        .as(ProjectSpec::new).list().ofMaxSize(3)
                        .flatMap(projects -> Combinators.combine(
                                        Arbitraries.integers().between(0, users.size() - 1),
                                        Arbitraries.of(Visibility.class), Arbitraries.of(SampleStatus.class),
                                        Arbitraries.integers().between(-1, projects.size() - 1))
                                .as(SampleSpec::new).list().ofMinSize(3).ofMaxSize(12)
                                .map(samples -> new WorldSpec(orgList, users, projects, samples)))));
    }

    private static Built build(WorldSpec spec) {
        List<World.Org> orgs = spec.orgs().stream()
                .map(org -> World.org(org.cap().wireName(), org.holdsPii())).toList();
        List<World.User> users = spec.users().stream()
                .map(user -> World.user(user.org() < 0 ? null : orgs.get(user.org()), user.cap().wireName(), false))
                .toList();
        List<String> projects = new ArrayList<>();
        for (ProjectSpec project : spec.projects()) {
            String id = World.project(users.get(project.owner()), project.isPublic());
            for (int u = 0; u < users.size(); u++) {
                int granted = project.members().get(u);
                if (granted >= 0 && u != project.owner()) {
                    World.member(id, users.get(u), permissions(granted));
                }
            }
            projects.add(id);
        }
        List<String> samples = spec.samples().stream().map(sample -> World.sample(users.get(sample.owner()),
                sample.visibility().wireName(), sample.status().wireName(),
                sample.project() < 0 ? null : projects.get(sample.project()))).toList();
        return new Built(spec, orgs.stream().map(World.Org::id).toList(), users, projects, samples);
    }

    private static String[] permissions(int bits) {
        return PERMISSIONS.stream().filter(p -> (bits & (1 << PERMISSIONS.indexOf(p))) != 0).toArray(String[]::new);
    }

    private static void check(Connection db, Built world, boolean throughRoutes) throws SQLException {
        for (int u = 0; u < world.users().size(); u++) {
            for (boolean admin : new boolean[] {false, true}) {
                World.User user = world.users().get(u);
                Caller caller = new Caller(user.id(), user.org() == null ? null : user.org().id(), admin);
                Set<String> readable = new TreeSet<>();
                Set<String> modifiable = new TreeSet<>();
                for (int s = 0; s < world.samples().size(); s++) {
                    SampleFacts facts = facts(world, s, u);
                    if (SamplePolicy.canRead(caller, facts)) {
                        readable.add(world.samples().get(s));
                    }
                    if (SamplePolicy.canModify(caller, facts)) {
                        modifiable.add(world.samples().get(s));
                    }
                }
                String who = "user " + u + (admin ? " as admin" : "");
                assertEquals(readable, scope(db, world, caller, SampleScope.READABLE), who + ": READABLE");
                assertEquals(modifiable, scope(db, world, caller, SampleScope.MODIFIABLE), who + ": MODIFIABLE");
                for (SampleScope list : List.of(SampleScope.ACCESSIBLE, SampleScope.PUBLIC,
                        SampleScope.ORGANIZATION)) {
                    Set<String> listed = scope(db, world, caller, list);
                    assertTrue(readable.containsAll(listed), who + ": " + list + " lists " + listed
                            + " beyond what they may read, " + readable);
                }
                if (throughRoutes) {
                    checkRoutes(world, user, admin, readable, who);
                }
            }
        }
    }

    /** The facts of sample {@code s} for user {@code u}, as the context statement gives them to the policy. */
    private static SampleFacts facts(Built world, int s, int u) {
        SampleSpec sample = world.spec().samples().get(s);
        int ownerOrg = world.spec().users().get(sample.owner()).org();
        boolean inProject = false;
        if (sample.project() >= 0) {
            ProjectSpec project = world.spec().projects().get(sample.project());
            int granted = project.members().get(u);
            inProject = project.owner() == u || granted >= 0 && (granted & 1) != 0; // can_see_files
        }
        return new SampleFacts(world.users().get(sample.owner()).id(), ownerOrg < 0 ? null : world.orgs().get(ownerOrg),
                sample.visibility(), sample.status(),
                sample.project() < 0 ? null : world.projects().get(sample.project()), inProject);
    }

    /** The world's samples that {@code scope} covers for the caller, by the SQL the routes use. */
    private static Set<String> scope(Connection db, Built world, Caller caller, SampleScope scope) throws SQLException {
        // A bound value may be used more than once in the filter: each use becomes a JDBC parameter of its own.
        List<Object> values = new ArrayList<>();
        String filter = scope.filter(caller, value -> {
            values.add(value);
            return "{{" + (values.size() - 1) + "}}";
        });
        List<Object> params = new ArrayList<>();
        Matcher placeholder = Pattern.compile("\\{\\{(\\d+)}}").matcher(filter);
        StringBuilder sql = new StringBuilder("SELECT s.id FROM samples s WHERE s.id = ANY (?) AND ");
        while (placeholder.find()) {
            params.add(values.get(Integer.parseInt(placeholder.group(1))));
            placeholder.appendReplacement(sql, "?");
        }
        placeholder.appendTail(sql);
        Set<String> found = new TreeSet<>();
        try (PreparedStatement query = db.prepareStatement(sql.toString())) {
            query.setArray(1, db.createArrayOf("varchar", world.samples().toArray()));
            for (int i = 0; i < params.size(); i++) {
                query.setObject(i + 2, params.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * The read routes, asked by the caller with a real token: each sample's GET answers it exactly when the policy
     * lets them read it, and the lists of their samples and of their organization's hold only readable ones.
     */
    private static void checkRoutes(Built world, World.User user, boolean admin, Set<String> readable, String who) {
        String token = admin ? Tokens.admin(user) : Tokens.of(user);
        for (String sample : world.samples()) {
            int status = given().auth().oauth2(token).get("/api/v1/samples/{id}", sample).statusCode();
            assertEquals(readable.contains(sample) ? 200 : 404, status, who + ": GET " + sample);
        }
        for (String route : List.of("/api/v1/samples", "/api/v1/samples/organization")) {
            List<String> listed = given().auth().oauth2(token).queryParam("per_page", 1000).get(route).then()
                    .statusCode(200).extract().path("$uri");
            Set<String> worldListed = new TreeSet<>();
            for (String uri : listed) {
                String id = uri.substring(uri.lastIndexOf('/') + 1);
                if (world.samples().contains(id)) {
                    worldListed.add(id);
                }
            }
            assertTrue(readable.containsAll(worldListed), who + ": " + route + " lists " + worldListed
                    + " beyond " + readable);
            assertEquals(worldListed.size(), listed.size(), who + ": " + route + " lists samples of another world "
                    + Arrays.toString(listed.toArray()));
        }
    }
}
