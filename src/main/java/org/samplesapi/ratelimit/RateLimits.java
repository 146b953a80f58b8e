package org.samplesapi.ratelimit;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ErrorMappers;
import org.samplesapi.web.RouteRefusals;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;

/**
 * Per-caller rate limits (Bucket4j token buckets, one for reads and one for writes per caller and replica): a caller
 * over their allowance gets a 429 with {@code Retry-After}; every answer carries the IETF {@code RateLimit-Policy}
 * and {@code RateLimit} headers (draft-ietf-httpapi-ratelimit-headers), so clients can pace themselves. Callers idle
 * for a window are forgotten.
 */
@ApplicationScoped
public class RateLimits {

    private static final String REMAINING = "samples.ratelimit.remaining";
    private static final String KIND = "samples.ratelimit.kind";

    private final RateLimitConfig config;
    private final SecurityIdentity identity;
    private final RateLimitClock clock;
    private final Cache<String, Bucket> buckets;
    private final Cache<String, Bucket> addresses;

    public RateLimits(RateLimitConfig config, SecurityIdentity identity, RateLimitClock clock) {
        this.config = config;
        this.identity = identity;
        this.clock = clock;
        this.buckets = forgettingIdle(config, clock);
        this.addresses = forgettingIdle(config, clock);
    }

    /** Buckets by key, each forgotten once idle for a window (when it would be full again anyway). */
    private static Cache<String, Bucket> forgettingIdle(RateLimitConfig config, RateLimitClock clock) {
        return Caffeine.newBuilder().ticker(clock).expireAfterAccess(config.window()).maximumSize(100_000).build();
    }

    /**
     * Requests that end in a 401 (no token, or one that failed authentication) are counted per client address, and
     * an address whose allowance is spent gets a 429 before anything else is done for it: authentication included.
     */
    void limitAddresses(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        router.route("/api/*").order(Integer.MIN_VALUE + 2).handler(rc -> {
            SocketAddress peer = rc.request().remoteAddress();
            Bucket bucket = addresses.get(peer == null ? "" : peer.hostAddress(),
                    ignored -> bucket(config.unauthenticated()));
            EstimationProbe estimate = bucket.estimateAbilityToConsume(1);
            if (!estimate.canBeConsumed()) {
                long waitSeconds = seconds(estimate.getNanosToWaitForRefill());
                rc.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(waitSeconds));
                RouteRefusals.end(rc, 429, Json.encode(new ApiError(429, "Too many requests without a valid token"
                        + " from your address: at most " + config.unauthenticated() + " per "
                        + config.window().toSeconds() + " s; retry after " + waitSeconds + " s", "rate_limited",
                        List.of(), null)));
                return;
            }
            rc.addHeadersEndHandler(ignored -> {
                if (rc.response().getStatusCode() == 401) {
                    bucket.tryConsume(1);
                }
            });
            rc.next();
        });
    }

    private enum Kind {
        READS, WRITES;

        String policy() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @ServerRequestFilter(priority = Priorities.USER - 100)
    public Response limit(ContainerRequestContext request) {
        if (!config.enabled() || identity.isAnonymous()) {
            return null;
        }
        Kind kind = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? Kind.READS : Kind.WRITES;
        Bucket bucket = buckets.get(identity.getPrincipal().getName() + " " + kind, ignored -> bucket(kind));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        request.setProperty(KIND, kind);
        request.setProperty(REMAINING, probe.getRemainingTokens());
        if (probe.isConsumed()) {
            return null;
        }
        long waitSeconds = seconds(probe.getNanosToWaitForRefill());
        return Response.fromResponse(ErrorMappers.json(new ApiError(429, "Too many " + kind.policy() + ": at most "
                        + quota(kind) + " per " + config.window().toSeconds() + " s; retry after " + waitSeconds + " s",
                        "rate_limited", List.of(), null)))
                .header(HttpHeaders.RETRY_AFTER, waitSeconds)
                .build();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(KIND) instanceof Kind kind)) {
            return;
        }
        long remaining = (Long) request.getProperty(REMAINING);
        long window = config.window().toSeconds();
        // Greedy refill: the allowance comes back evenly over the window, so it is whole again this many seconds on.
        long full = (long) Math.ceil((double) (quota(kind) - remaining) * window / quota(kind));
        response.getHeaders().putSingle("RateLimit-Policy", "\"" + kind.policy() + "\";q=" + quota(kind) + ";w="
                + window);
        response.getHeaders().putSingle("RateLimit", "\"" + kind.policy() + "\";r=" + remaining + ";t=" + full);
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private int quota(Kind kind) {
        return kind == Kind.READS ? config.reads() : config.writes();
    }

    private Bucket bucket(Kind kind) {
        return bucket(quota(kind));
    }

    private Bucket bucket(int quota) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(quota)
                .refillGreedy(quota, config.window()).build()).withCustomTimePrecision(clock).build();
    }
}
