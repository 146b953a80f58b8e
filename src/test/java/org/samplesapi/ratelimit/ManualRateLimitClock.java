package org.samplesapi.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The rate limits' clock, moved only by the test: a refill happens when the test says so, never because the machine
 * was slow. Enabled by the profiles that list it among their alternatives.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ManualRateLimitClock extends RateLimitClock {

    private final AtomicLong nanos = new AtomicLong(new RateLimitClock().currentTimeNanos());

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
