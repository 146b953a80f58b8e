package org.samplesapi.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.samplesapi.persistence.SharedBuckets;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.AsyncBucketProxyAdapter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;

/**
 * One replica's handle on the token buckets of its callers (or addresses): a bucket per key and allowance, made on
 * first use and forgotten once idle for a window, when it would be full again anyway. Per replica, the bucket lives
 * here. Across the deployment, it lives in PostgreSQL and this replica holds a Bucket4j proxy to it that admits up to
 * its local share of the allowance on its own before it settles with the database.
 */
final class Allowances {

    private final Duration window;
    private final Cache<String, AsyncBucketProxy> buckets;
    private final Maker maker;

    private interface Maker {
        AsyncBucketProxy make(String key, int allowance, BucketConfiguration configuration);
    }

    private Allowances(Duration window, RateLimitClock clock, Maker maker) {
        this.window = window;
        this.buckets = Caffeine.newBuilder().ticker(clock).expireAfterAccess(window).maximumSize(100_000).build();
        this.maker = maker;
    }

    static Allowances perReplica(Duration window, RateLimitClock clock) {
        return new Allowances(window, clock, (key, allowance, configuration) -> AsyncBucketProxyAdapter.fromSync(
                Bucket.builder().addLimit(configuration.getBandwidths()[0]).withCustomTimePrecision(clock).build()));
    }

    static Allowances acrossDeployment(Duration window, RateLimitClock clock, double localShare,
                                       Duration syncInterval, SharedBuckets shared) {
        AsyncProxyManager<String> proxies = shared.proxies(ClientSideConfig.getDefault().withClientClock(clock)
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ZERO)));
        return new Allowances(window, clock, (key, allowance, configuration) -> {
            long ownShare = (long) Math.floor(allowance * localShare);
            // Without a share of its own, a replica settles every request; batching still merges a caller's
            // concurrent requests into one round trip.
            Optimization settling = ownShare == 0 ? Optimizations.batching()
                    : new DelayOptimization(new DelayParameters(ownShare, syncInterval),
                            NopeOptimizationListener.INSTANCE, clock);
            return proxies.builder().withOptimization(settling)
                    .build(key, () -> CompletableFuture.completedFuture(configuration));
        });
    }

    /**
     * The bucket of {@code key} holding {@code allowance} requests per window. The allowance and window are part of
     * the shared bucket's name, so a changed setting starts afresh instead of meeting buckets made for the old one.
     */
    AsyncBucketProxy bucket(String key, int allowance) {
        String name = allowance + "/" + window.toSeconds() + "s " + key;
        return buckets.get(name, made -> maker.make(made, allowance, BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(allowance).refillGreedy(allowance, window).build()).build()));
    }
}
