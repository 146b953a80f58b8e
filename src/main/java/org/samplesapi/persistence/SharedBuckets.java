package org.samplesapi.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;

/**
 * Bucket4j token buckets kept in PostgreSQL ({@code rate_limit_buckets}), so that every replica draws on the same
 * allowance. Bucket4j's own PostgreSQL module is blocking JDBC; this is its compare-and-swap proxy manager on the
 * reactive pool instead, and offers the asynchronous side only: nothing here waits on the event loop.
 */
@ApplicationScoped
public class SharedBuckets {

    private static final String READ = "SELECT state FROM rate_limit_buckets WHERE id = $1";
    private static final String CREATE = "INSERT INTO rate_limit_buckets (id, state, expires_at)"
            + " VALUES ($1, $2, now() + $3 * interval '1 millisecond') ON CONFLICT (id) DO NOTHING";
    private static final String SWAP = "UPDATE rate_limit_buckets SET state = $2,"
            + " expires_at = now() + $3 * interval '1 millisecond' WHERE id = $1 AND state = $4";
    private static final String REMOVE = "DELETE FROM rate_limit_buckets WHERE id = $1";
    private static final String PURGE = "DELETE FROM rate_limit_buckets WHERE expires_at < now()";

    private final Pool pool;

    public SharedBuckets(Pool pool) {
        this.pool = pool;
    }

    /**
     * Buckets in the table, timed by the config's client clock (it must be a wall clock: its readings are compared
     * across replicas), each row kept as long as its expiration strategy says.
     */
    public AsyncProxyManager<String> proxies(ClientSideConfig config) {
        if (config.getClientSideClock().isEmpty() || !config.getClientSideClock().get().isWallClockBased()
                || config.getExpirationAfterWriteStrategy().isEmpty()) {
            throw new IllegalArgumentException("Shared buckets need a wall clock and an expiration strategy");
        }
        return new Store(config).asAsync();
    }

    /** Forgets the buckets nobody has drawn on for long enough that they are full again. */
    public Uni<Integer> purgeExpired() {
        return Uni.createFrom().completionStage(() -> pool.query(PURGE).execute()
                .map(rows -> rows.rowCount()).toCompletionStage());
    }

    private static <T> CompletableFuture<T> completable(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }

    private final class Store extends AbstractCompareAndSwapBasedProxyManager<String> {

        private final ExpirationAfterWriteStrategy expiration;
        /**
         * What this replica last read or wrote of each bucket. A settlement first assumes the bucket is still that
         * and swaps at once: the swap's condition proves it, and only when another replica wrote in between is the
         * bucket read. So a replica that alone serves a caller settles in one statement, not two. A command that
         * writes nothing (an estimate) is answered from that state unproven: it can only be too generous, by what
         * other replicas spent since, and the next settlement counts that.
         */
        private final Cache<String, byte[]> lastKnown = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(10)).build();

        Store(ClientSideConfig config) {
            super(config);
            this.expiration = config.getExpirationAfterWriteStrategy().orElseThrow();
        }

        @Override
        protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
            throw new UnsupportedOperationException("Shared buckets are asynchronous only");
        }

        @Override
        protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
            return new AsyncCompareAndSwapOperation() {
                /** Only the first attempt trusts what this replica knows; a retry reads what another wrote. */
                private boolean firstAttempt = true;

                @Override
                public CompletableFuture<Optional<byte[]>> getStateData(Optional<Long> timeoutNanos) {
                    byte[] known = firstAttempt ? lastKnown.getIfPresent(key) : null;
                    firstAttempt = false;
                    if (known != null) {
                        return CompletableFuture.completedFuture(Optional.of(known));
                    }
                    return completable(pool.preparedQuery(READ).execute(Tuple.of(key)).map(rows -> {
                        RowIterator<Row> found = rows.iterator();
                        return found.hasNext() ? Optional.of(found.next().getBuffer(0).getBytes()) : Optional.empty();
                    }));
                }

                @Override
                public CompletableFuture<Boolean> compareAndSwap(byte[] originalData, byte[] newData,
                                                                 RemoteBucketState newState,
                                                                 Optional<Long> timeoutNanos) {
                    long keepMillis = Math.max(0, expiration.calculateTimeToLiveMillis(newState, currentTimeNanos()));
                    var write = originalData == null
                            ? pool.preparedQuery(CREATE).execute(Tuple.of(key, Buffer.buffer(newData), keepMillis))
                            : pool.preparedQuery(SWAP).execute(Tuple.of(key, Buffer.buffer(newData), keepMillis,
                                    Buffer.buffer(originalData)));
                    // No row written: another replica changed the bucket first, and Bucket4j tries again.
                    return completable(write.map(rows -> {
                        if (rows.rowCount() == 1) {
                            lastKnown.put(key, newData);
                            return true;
                        }
                        lastKnown.invalidate(key);
                        return false;
                    }));
                }
            };
        }

        @Override
        protected CompletableFuture<Void> removeAsync(String key) {
            lastKnown.invalidate(key);
            return completable(pool.preparedQuery(REMOVE).execute(Tuple.of(key)).mapEmpty());
        }

        @Override
        public void removeProxy(String key) {
            throw new UnsupportedOperationException("Shared buckets are asynchronous only");
        }

        @Override
        public boolean isAsyncModeSupported() {
            return true;
        }

        @Override
        public boolean isExpireAfterWriteSupported() {
            return true;
        }
    }
}
