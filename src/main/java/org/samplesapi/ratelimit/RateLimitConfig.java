package org.samplesapi.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many requests one caller may make per window, reads and writes apart, and where that is counted. */
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

    /** Whether an allowance holds across the deployment (counted in PostgreSQL) or on each replica apart. */
    @WithDefault("deployment")
    Scope scope();

    /**
     * Across the deployment: the share of an allowance that one replica may admit on its own before it settles with
     * the database (Bucket4j's delaying optimization). So most requests cost no statement, and over a burst the
     * deployment admits at most replicas × share × allowance more than the allowance; what was admitted over it is
     * owed, and refused later. 0 checks the database on every request.
     */
    @WithDefault("0.05")
    double localShare();

    /**
     * Across the deployment: the longest a replica goes without settling a caller's bucket it draws on. It bounds how
     * stale the allowance a replica reports may be, not how much the deployment admits (the local share does that).
     */
    @WithDefault("1M")
    Duration syncInterval();

    enum Scope {
        /** One allowance per caller, whatever the number of replicas. */
        DEPLOYMENT,
        /** One allowance per caller and replica: a caller gets as many allowances as there are replicas. */
        REPLICA
    }
}
