package org.samplesapi.persistence;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A serving replica does not migrate the database (production runs the migrations as a step of their own: the
 * README's "Run in production"); it is ready only once the schema is at least at the version this build needs, and
 * says so in its log at start and whenever that changes. A newer schema is fine: migrations add before they remove,
 * so the replicas of the previous release keep serving during a rollout. One small query per probe until the schema
 * is current, none after.
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements AsyncHealthCheck {

    /** The newest migration in db/migration (SchemaReadinessTest keeps the two in step). */
    public static final int REQUIRED_VERSION = 11;

    private static final Logger LOG = Logger.getLogger(SchemaReadiness.class);
    private static final String NAME = "Database schema";

    private final Pool pool;
    private volatile boolean current;
    private volatile String lastReported;

    public SchemaReadiness(Pool pool) {
        this.pool = pool;
    }

    void reportOnStart(@Observes StartupEvent event) {
        call().subscribe().with(response -> { }, failure -> { });
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (current) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up()
                    .withData("required", REQUIRED_VERSION).build());
        }
        return pool.query("SELECT max(version::numeric) FROM flyway_schema_history WHERE success").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    BigDecimal applied = row.getBigDecimal(0);
                    return respond(applied == null ? "none" : applied.stripTrailingZeros().toPlainString(),
                            applied != null && applied.compareTo(BigDecimal.valueOf(REQUIRED_VERSION)) >= 0);
                })
                .onFailure(SchemaReadiness::noHistoryTable).recoverWithItem(() -> respond("none", false))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", "the database cannot be asked for its schema version").build());
    }

    private HealthCheckResponse respond(String applied, boolean isCurrent) {
        report(applied, isCurrent);
        current = isCurrent;
        return HealthCheckResponse.named(NAME).status(isCurrent).withData("applied", applied)
                .withData("required", REQUIRED_VERSION).build();
    }

    /** Once per state: a replica waiting for its migrations says what to run, and says when it stops waiting. */
    private void report(String applied, boolean isCurrent) {
        String state = applied + isCurrent;
        if (state.equals(lastReported)) {
            return;
        }
        lastReported = state;
        if (isCurrent) {
            LOG.infof("Database schema at version %s; this build needs %d: ready to serve", applied, REQUIRED_VERSION);
        } else {
            LOG.errorf("Not ready: the database schema is at version %s, this build needs version %d. Run the"
                    + " migrations first (the samples-api-migrate Job in k8s/, or the same jar with"
                    + " SAMPLES_MIGRATE_AT_START=true QUARKUS_INIT_AND_EXIT=true); this replica becomes ready"
                    + " by itself once they ran.", applied, REQUIRED_VERSION);
        }
    }

    /** PostgreSQL's "relation does not exist": a database nobody has migrated yet. */
    private static boolean noHistoryTable(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "42P01".equals(pg.getSqlState());
    }
}
