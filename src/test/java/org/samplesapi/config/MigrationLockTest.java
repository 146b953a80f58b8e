package org.samplesapi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.EmbeddedPostgresResource;
import org.samplesapi.support.World;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Two replicas migrating one empty database at the same moment: Flyway's advisory lock makes one wait, so each
 * migration is applied exactly once and both start.
 */
@QuarkusTest
class MigrationLockTest {

    @Test
    void concurrentMigrationsApplyEachVersionOnce() throws Exception {
        String database = "replicas_" + World.newId();
        Db.script("CREATE DATABASE " + database);
        String url = System.getProperty(EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY)
                .replace("/" + EmbeddedPostgresResource.DATABASE + "?", "/" + database + "?");
        Callable<MigrateResult> replica = () -> Flyway.configure(MigrationLockTest.class.getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrateResult>> results = pool.invokeAll(List.of(replica, replica));
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                applied += result.get().migrationsExecuted;
            }
            int versions = Flyway.configure(MigrationLockTest.class.getClassLoader()).dataSource(url, null, null)
                    .locations("classpath:db/migration").load().info().applied().length;
            assertEquals(versions, applied, "each migration must run once, by one of the two replicas");
        } finally {
            pool.shutdownNow();
        }
    }
}
