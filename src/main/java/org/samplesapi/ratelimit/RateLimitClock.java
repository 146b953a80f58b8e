package org.samplesapi.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Ticker;

import io.github.bucket4j.TimeMeter;

/**
 * The time the rate limits run on: both the buckets' refill and the forgetting of idle callers read it, so a test can
 * replace it with a clock it moves itself.
 */
@ApplicationScoped
public class RateLimitClock implements TimeMeter, Ticker {

    @Override
    public long currentTimeNanos() {
        return System.nanoTime();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    @Override
    public long read() {
        return currentTimeNanos();
    }
}
