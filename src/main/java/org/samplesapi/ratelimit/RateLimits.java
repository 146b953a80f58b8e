package org.samplesapi.ratelimit;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.samplesapi.persistence.DatabaseUnavailable;
import org.samplesapi.persistence.SharedBuckets;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ErrorMappers;
import org.samplesapi.web.RouteRefusals;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-caller rate limits (Bucket4j token buckets, one for reads and one for writes per caller, held across the
 * deployment or per replica as configured): a caller over their allowance gets a 429 with {@code Retry-After}; every
 * answer carries the IETF {@code RateLimit-Policy} and {@code RateLimit} headers
 * (draft-ietf-httpapi-ratelimit-headers), so clients can pace themselves.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);
    private static final String REMAINING = "samples.ratelimit.remaining";
    private static final String KIND = "samples.ratelimit.kind";

    private final RateLimitConfig config;
    private final SecurityIdentity identity;
    private final SharedBuckets shared;
    private final Allowances allowances;

    public RateLimits(RateLimitConfig config, SecurityIdentity identity, RateLimitClock clock, SharedBuckets shared) {
        this.config = config;
        this.identity = identity;
        this.shared = shared;
        this.allowances = config.scope() == RateLimitConfig.Scope.REPLICA
                ? Allowances.perReplica(config.window(), clock)
                : Allowances.acrossDeployment(config.window(), clock, config.localShare(), config.syncInterval(),
                        shared);
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
            AsyncBucketProxy bucket = allowances.bucket("address " + (peer == null ? "" : peer.hostAddress()),
                    config.unauthenticated());
            onThisRequest(() -> bucket.estimateAbilityToConsume(1)).subscribe().with(estimate -> {
                if (!estimate.canBeConsumed()) {
                    long waitSeconds = seconds(estimate.getNanosToWaitForRefill());
                    rc.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(waitSeconds));
                    RouteRefusals.end(rc, 429, Json.encode(new ApiError(429, "Too many requests without a valid"
                            + " token from your address: at most " + config.unauthenticated() + " per "
                            + config.window().toSeconds() + " s; retry after " + waitSeconds + " s", "rate_limited",
                            List.of(), null)));
                } else {
                    rc.addHeadersEndHandler(ignored -> {
                        if (rc.response().getStatusCode() == 401) {
                            bucket.tryConsume(1).exceptionally(lost -> {
                                LOG.warnf("A refusal was not counted against its address: %s", lost.getMessage());
                                return false;
                            });
                        }
                    });
                    rc.next();
                }
            }, failure -> refuseUnavailable(rc, failure));
        });
    }

    /**
     * A bucket's answer, delivered on the context of the request that asked. Bucket4j merges a caller's concurrent
     * requests into one round trip and completes them all from the one that made it: without this, a request would go
     * on in another request's context, with its CDI request scope, security identity and Hibernate session.
     */
    private static <T> Uni<T> onThisRequest(Supplier<CompletionStage<T>> ask) {
        Context asking = Vertx.currentContext();
        Uni<T> answer = Uni.createFrom().completionStage(ask);
        if (asking == null) {
            return answer;
        }
        return answer.emitOn(delivery -> {
            if (Vertx.currentContext() == asking) {
                delivery.run();
            } else {
                asking.runOnContext(ignored -> delivery.run());
            }
        });
    }

    /** The buckets' database is out of reach: the request could not be served anyway, and may be retried. */
    private static void refuseUnavailable(RoutingContext rc, Throwable failure) {
        if (!DatabaseUnavailable.isCauseOf(failure)) {
            rc.fail(failure);
            return;
        }
        LOG.warnf("Rate limits unavailable: %s", failure.getMessage());
        rc.response().putHeader(HttpHeaders.RETRY_AFTER, ErrorMappers.RETRY_AFTER_SECONDS);
        RouteRefusals.end(rc, 503, Json.encode(new ApiError(503, "The database is unavailable; retry shortly.",
                "service_unavailable", null, null)));
    }

    private enum Kind {
        READS, WRITES;

        String policy() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @ServerRequestFilter(priority = Priorities.USER - 100)
    public Uni<Response> limit(ContainerRequestContext request) {
        if (!config.enabled() || identity.isAnonymous()) {
            return Uni.createFrom().nullItem();
        }
        Kind kind = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? Kind.READS : Kind.WRITES;
        AsyncBucketProxy bucket = allowances.bucket(kind.policy() + " " + identity.getPrincipal().getName(),
                quota(kind));
        return onThisRequest(() -> bucket.tryConsumeAndReturnRemaining(1)).map(probe -> {
            request.setProperty(KIND, kind);
            request.setProperty(REMAINING, probe.getRemainingTokens());
            if (probe.isConsumed()) {
                return null;
            }
            long waitSeconds = seconds(probe.getNanosToWaitForRefill());
            return Response.fromResponse(ErrorMappers.json(new ApiError(429, "Too many " + kind.policy()
                            + ": at most " + quota(kind) + " per " + config.window().toSeconds() + " s; retry after "
                            + waitSeconds + " s", "rate_limited", List.of(), null)))
                    .header(HttpHeaders.RETRY_AFTER, waitSeconds)
                    .build();
        });
    }

    /** Forgets the shared buckets that are full again; any replica may do it, and doing it twice does no harm. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        if (!config.enabled() || config.scope() != RateLimitConfig.Scope.DEPLOYMENT) {
            return Uni.createFrom().voidItem();
        }
        return shared.purgeExpired().replaceWithVoid();
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

}
