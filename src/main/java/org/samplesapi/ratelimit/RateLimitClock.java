package org.samplesapi.ratelimit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Ticker;

import io.github.bucket4j.TimeMeter;

/**
 * The time the rate limits run on: the buckets' refill, their settling with the database, and the forgetting of idle
 * callers all read it, so a test can replace it with a clock it moves itself. A wall clock, because buckets shared
 * through the database carry its readings from one replica to another.
 */
@ApplicationScoped
public class RateLimitClock implements TimeMeter, Ticker {

    @Override
    public long currentTimeNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    @Override
    public long read() {
        return currentTimeNanos();
    }
}
