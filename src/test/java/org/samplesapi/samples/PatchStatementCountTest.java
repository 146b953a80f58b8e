package org.samplesapi.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.Api.get;
import static org.samplesapi.support.Api.patch;

import java.util.List;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.EmbeddedPostgresResource;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Counts, with pg_stat_statements, the SQL the service sends for one PATCH: the context (one locking SELECT) and the
 * write (one statement: the sample, its tags and the audit events), besides BEGIN/COMMIT. A regression to N+1
 * loading or extra round trips fails here.
 */
@QuarkusTest
class PatchStatementCountTest {

    private static final Logger LOG = Logger.getLogger(PatchStatementCountTest.class);
    private final User owner = World.user(World.openOrg());

    @Test
    void visibilityPatchIsTwoStatements() {
        String id = World.sample(owner, "private");
        List<String> statements = statementsOf(() -> patch(Tokens.of(owner), id, "{\"visibility\": \"public\"}")
                .statusCode(200), id);
        assertEquals(2, statements.size(), String.join("\n", statements));
    }

    @Test
    void visibilityProjectAndTagsPatchIsTwoStatements() {
        String id = World.sample(owner, "private");
        String project = World.project(owner, false);
        String tag = World.tag(owner, "WGS");
        List<String> statements = statementsOf(() -> patch(Tokens.of(owner), id,
                "{\"visibility\": \"shared\", \"project\": \"" + project + "\", \"tags\": [\"" + tag + "\"]}")
                .statusCode(200), id);
        // the context, then one write: sample, tag replacement and two audit events (one per changed field)
        assertEquals(2, statements.size(), String.join("\n", statements));
    }

    @Test
    void getIsOneStatement() {
        String id = World.sample(owner, "private");
        assertEquals(1, statementsOf(() -> get(Tokens.of(owner), id).statusCode(200), id).size());
    }

    /**
     * The context query is long (a few KB of SQL): unless the client's prepared-statement cache takes statements
     * that long, PostgreSQL re-plans it on every request, which cost about 6 ms per request against 0.15 ms to run
     * it. Cached, PostgreSQL plans it a handful of times per connection at most.
     */
    @Test
    void theContextQueryIsPreparedOnceNotPlannedOnEveryRequest() {
        String id = World.sample(owner, "private");
        String token = Tokens.of(owner);
        get(token, id).statusCode(200);
        Db.script("ALTER SYSTEM SET pg_stat_statements.track_planning = on; SELECT pg_reload_conf();");
        try {
            // (Zero plans is fine: connections that prepared the query earlier in the suite no longer plan it.)
            awaitTrackPlanning();
            Db.value("SELECT pg_stat_statements_reset()");
            for (int i = 0; i < 60; i++) {
                patch(token, id, "{\"visibility\": \"" + (i % 2 == 0 ? "shared" : "private") + "\"}").statusCode(200);
            }
            List<String> contexts = Db.column("""
                    SELECT sum(calls) || ' calls, ' || sum(plans) || ' plans' FROM pg_stat_statements
                    WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = ?) AND query ~* 'for update of s'
                    """, EmbeddedPostgresResource.APP_ROLE);
            String[] counts = contexts.get(0).split("\\D+");
            assertEquals(60, Integer.parseInt(counts[0]), contexts.toString());
            // PostgreSQL tries five custom plans per prepared statement and connection before its generic one.
            assertTrue(Integer.parseInt(counts[1]) <= 20, "planned on (nearly) every request: " + contexts);
        } finally {
            Db.script("ALTER SYSTEM RESET pg_stat_statements.track_planning; SELECT pg_reload_conf();");
        }
    }

    /** pg_reload_conf() only signals the server processes; wait until they apply it. */
    private static void awaitTrackPlanning() {
        for (int i = 0; i < 100 && !"on".equals(Db.value("SHOW pg_stat_statements.track_planning")); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertEquals("on", Db.value("SHOW pg_stat_statements.track_planning"), "planning is not tracked");
    }

    /** The statements the service's role ran for one request, transaction control excluded, one entry per call. */
    private List<String> statementsOf(Runnable request, String sampleId) {
        get(Tokens.of(owner), sampleId).statusCode(200); // provisions and caches the caller outside the measurement
        Db.value("SELECT pg_stat_statements_reset()");
        request.run();
        List<String> statements = Db.column("""
                SELECT regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements, generate_series(1, calls)
                WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = ?)
                  AND query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)'
                ORDER BY query
                """, EmbeddedPostgresResource.APP_ROLE);
        LOG.infof("%d statements:%n%s", statements.size(), String.join("\n", statements));
        return statements;
    }
}
