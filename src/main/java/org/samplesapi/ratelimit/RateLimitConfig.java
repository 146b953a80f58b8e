package org.samplesapi.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many requests one caller may make per window, reads and writes apart, on each replica. */
@ConfigMapping(prefix = "samples.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** GET requests per caller and window. */
    @WithDefault("1200")
    int reads();

    /** POST, PATCH and DELETE requests per caller and window. */
    @WithDefault("300")
    int writes();

    /**
     * Refusals for want of a valid token (401) per client address and window: an address that used them up is
     * answered 429 until some come back, whatever it sends.
     */
    @WithDefault("60")
    int unauthenticated();

    /** The window: a caller's full allowance comes back over this long, a request's worth at a time. */
    @WithDefault("1M")
    Duration window();
}
