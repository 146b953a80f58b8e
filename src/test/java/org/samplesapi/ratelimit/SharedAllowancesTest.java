package org.samplesapi.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.samplesapi.persistence.SharedBuckets;
import org.samplesapi.support.Db;
import org.samplesapi.support.World;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Several replicas drawing on one caller's allowance through PostgreSQL (each replica here is an {@link Allowances}
 * of its own, as in a replica's memory, on the test's database). Requests alternate between the replicas, and time
 * moves only when the test moves it.
 */
@QuarkusTest
class SharedAllowancesTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(10);

    @Inject
    SharedBuckets shared;

    private final ManualRateLimitClock clock = new ManualRateLimitClock();

    private Allowances replica(double localShare) {
        return Allowances.acrossDeployment(WINDOW, clock, localShare, SYNC_INTERVAL, shared);
    }

    /** How many of {@code attempts} requests, sent to the replicas in turn, were admitted. */
    private static int admitted(String key, int allowance, int attempts, Allowances... replicas) throws Exception {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (replicas[i % replicas.length].bucket(key, allowance).tryConsume(1).get(10, TimeUnit.SECONDS)) {
                admitted++;
            }
        }
        return admitted;
    }

    private static long rows(String key) {
        return Db.count("SELECT count(*) FROM rate_limit_buckets WHERE id LIKE ?", "% " + key);
    }

    @Test
    void replicasThatSettleEveryRequestAdmitExactlyTheAllowanceBetweenThem() throws Exception {
        String caller = "writes " + World.newId();
        Allowances first = replica(0);
        Allowances second = replica(0);
        assertEquals(20, admitted(caller, 20, 30, first, second));
        assertEquals(0, admitted(caller, 20, 4, replica(0)), "a replica started later found the allowance spent");
        assertEquals(1, rows(caller));

        clock.advance(WINDOW.dividedBy(20));
        assertEquals(1, admitted(caller, 20, 4, second, first), "one request's worth came back, once");
    }

    /**
     * With a local share, each replica admits up to its share before it settles: a burst may pass the allowance by the
     * replicas' shares, but what passed is owed, so over time the deployment admits the allowance and what came back,
     * plus at most those shares.
     */
    @Test
    void withLocalSharesTheDeploymentOvershootsAtMostTheSharesAndOwesThem() throws Exception {
        String caller = "writes " + World.newId();
        Allowances first = replica(0.05);
        Allowances second = replica(0.05);
        int ownShare = 2; // 5 % of 40
        int burst = admitted(caller, 40, 60, first, second);
        assertTrue(burst >= 40 && burst <= 40 + 2 * ownShare, "admitted in the burst: " + burst);

        int total = burst;
        for (int round = 0; round < 5; round++) {
            clock.advance(WINDOW.dividedBy(4));
            total += admitted(caller, 40, 30, first, second);
        }
        int cameBack = 5 * 10;
        assertTrue(total >= 40 + cameBack && total <= 40 + cameBack + 2 * ownShare, "admitted in all: " + total);
    }

    @Test
    void perReplicaEachReplicaHasTheWholeAllowanceAndNothingIsShared() throws Exception {
        String caller = "writes " + World.newId();
        Allowances first = Allowances.perReplica(WINDOW, clock);
        Allowances second = Allowances.perReplica(WINDOW, clock);
        assertEquals(40, admitted(caller, 20, 60, first, second));
        assertEquals(0, rows(caller));
    }
}
