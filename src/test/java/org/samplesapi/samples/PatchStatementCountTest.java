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
 * Counts, with pg_stat_statements, the SQL the service sends for one PATCH: the context (one locking SELECT that
 * also loads the sample entity), the tag set when it changes, and the flush (audit events, the sample's versioned
 * update), besides BEGIN/COMMIT. A regression to N+1 loading or extra round trips fails here.
 */
@QuarkusTest
class PatchStatementCountTest {

    private static final Logger LOG = Logger.getLogger(PatchStatementCountTest.class);
    private final User owner = World.user(World.openOrg());

    @Test
    void visibilityPatchIsThreeStatements() {
        String id = World.sample(owner, "private");
        List<String> statements = statementsOf(() -> patch(Tokens.of(owner), id, "{\"visibility\": \"public\"}")
                .statusCode(200), id);
        // the context (with the sample entity), then the flush: the audit event and the versioned sample update
        assertEquals(3, statements.size(), String.join("\n", statements));
    }

    @Test
    void visibilityProjectAndTagsPatchIsFiveStatements() {
        String id = World.sample(owner, "private");
        String project = World.project(owner, false);
        String tag = World.tag(owner, "WGS");
        List<String> statements = statementsOf(() -> patch(Tokens.of(owner), id,
                "{\"visibility\": \"shared\", \"project\": \"" + project + "\", \"tags\": [\"" + tag + "\"]}")
                .statusCode(200), id);
        // the context, the tag set's replacement, then the flush: two audit events (one per changed field) and the
        // versioned sample update
        assertEquals(5, statements.size(), String.join("\n", statements));
    }

    @Test
    void getIsOneStatement() {
        String id = World.sample(owner, "private");
        assertEquals(1, statementsOf(() -> get(Tokens.of(owner), id).statusCode(200), id).size());
    }

    /**
     * The context query is long (a few KB of SQL): unless the client's prepared-statement cache takes statements
     * that long, PostgreSQL re-plans it on every request. Cached, each connection plans it a handful of times at
     * most. The service's connections are replaced first, so that they plan afresh and track their planning.
     */
    @Test
    void theContextQueryIsPreparedOnceNotPlannedOnEveryRequest() {
        String id = World.sample(owner, "private");
        String token = Tokens.of(owner);
        get(token, id).statusCode(200);
        Db.script("ALTER SYSTEM SET pg_stat_statements.track_planning = on; SELECT pg_reload_conf();");
        try {
            awaitTrackPlanning();
            replaceServiceConnections(token, id);
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
            // New connections must plan it, so none would mean that planning is not tracked where the service runs.
            assertTrue(Integer.parseInt(counts[1]) >= 1, "no plan seen on the new connections: " + contexts);
            // PostgreSQL tries five custom plans per prepared statement and connection before its generic one.
            assertTrue(Integer.parseInt(counts[1]) <= 20, "planned on (nearly) every request: " + contexts);
        } finally {
            Db.script("ALTER SYSTEM RESET pg_stat_statements.track_planning; SELECT pg_reload_conf();");
        }
    }

    /**
     * Ends the service's database sessions: its pool opens new ones, which start with the current settings and no
     * prepared statements. Returns once a request is served again.
     */
    private static void replaceServiceConnections(String token, String sampleId) {
        String ended = Db.value("SELECT clock_timestamp()::text");
        Db.value("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?",
                EmbeddedPostgresResource.APP_ROLE);
        int status = 0;
        for (int i = 0; i < 100 && status != 200; i++) {
            pause();
            // A closed connection may still be handed out once before the pool has noticed: that request is a 503.
            status = get(token, sampleId).extract().statusCode();
        }
        assertEquals(200, status, "the service did not reconnect");
        assertEquals(0, Db.count("SELECT count(*) FROM pg_stat_activity WHERE usename = ?"
                + " AND backend_start < ?::timestamptz", EmbeddedPostgresResource.APP_ROLE, ended),
                "a connection of the service outlived the termination");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** pg_reload_conf() only signals the server processes; wait until they apply it. */
    private static void awaitTrackPlanning() {
        for (int i = 0; i < 100 && !"on".equals(Db.value("SHOW pg_stat_statements.track_planning")); i++) {
            pause();
        }
        assertEquals("on", Db.value("SHOW pg_stat_statements.track_planning"), "planning is not tracked");
    }

    /** The statements the service's role ran for one request, transaction control excluded, one entry per call. */
    private List<String> statementsOf(Runnable request, String sampleId) {
        // Provisions and remembers the caller outside the measurement. A replica that is not listening for governance
        // changes (its connections were just replaced) remembers nothing: wait until a GET is one statement again.
        for (int i = 0; i < 100; i++) {
            Db.value("SELECT pg_stat_statements_reset()");
            get(Tokens.of(owner), sampleId).statusCode(200);
            if (Db.count("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE userid = (SELECT oid FROM"
                    + " pg_roles WHERE rolname = ?) AND query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)'",
                    EmbeddedPostgresResource.APP_ROLE) == 1) {
                break;
            }
            pause();
        }
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
