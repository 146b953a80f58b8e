package org.samplesapi.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.policy.Caller;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.AuthenticateFirst;
import org.samplesapi.web.BodyLimits;
import org.samplesapi.web.ErrorMappers;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code Idempotency-Key} on POST and PATCH: a retry with the same key and the same request (method, URI, body and
 * {@code If-Match}), from the same caller, within 24 hours, gets the first answer again and changes nothing; the same
 * key with another request gets a 422 ({@code idempotency_key_reused}), and a retry while the first request still
 * runs a 409 ({@code idempotency_key_in_progress}). A first request that failed with a 5xx leaves the key free, as
 * nothing was done that a retry must not repeat.
 * <p>
 * What is stored is bounded: a dry run changes nothing, so its key is neither taken nor stored; an answer above the
 * size cap guards its key but is not kept (a replay gets a 409, {@code idempotency_answer_not_kept}, with the
 * {@code Location} of the result where there is one); a caller holds a limited number of live keys (beyond it, a 429,
 * {@code idempotency_key_quota}). A replay is authorized again: the caller is resolved first (so a moved user gets
 * {@code organization_changed}), and an answer naming what they can no longer read is withheld (a 403,
 * {@code idempotency_replay_forbidden}).
 */
@ApplicationScoped
public class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PATCH);
    private static final String TAKEN = "samples.idempotency.taken";

    private final IdempotencyKeys keys;
    private final IdempotencyConfig config;
    private final ReplayAccess replays;
    private final CallerResolver callers;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final ObjectMapper json;

    public IdempotentRequests(IdempotencyKeys keys, IdempotencyConfig config, ReplayAccess replays,
                              CallerResolver callers, SecurityIdentity identity, CurrentVertxRequest request,
                              ObjectMapper json) {
        this.keys = keys;
        this.config = config;
        this.replays = replays;
        this.callers = callers;
        this.identity = identity;
        this.request = request;
        this.json = json;
    }

    /** The request's body is read (within the body limit) before it runs, so that it can be part of its fingerprint. */
    void readBodies(@Observes Router router, BodyLimits limits) {
        // RequestBodyLimit, before this, held each route to its own limit; this only reads what it let through.
        BodyHandler bodies = BodyHandler.create(false)
                .setBodyLimit(Math.max(limits.maxBodyBytes(), limits.maxBulkBodyBytes()));
        // After authentication, and after RequestBodyLimit's reader of chunked bodies.
        router.route().order(AuthenticateFirst.BODIES + 1).handler(rc -> {
            if (METHODS.contains(rc.request().method()) && rc.request().getHeader(HEADER) != null) {
                bodies.handle(rc);
            } else {
                rc.next();
            }
        });
    }

    @ServerRequestFilter
    public Uni<Response> replayOrTake(ContainerRequestContext context) {
        String key = context.getHeaderString(HEADER);
        if (key == null || !METHODS.contains(HttpMethod.valueOf(context.getMethod())) || identity.isAnonymous()) {
            return Uni.createFrom().nullItem();
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Uni.createFrom().item(error(400, "invalid_idempotency_key",
                    "'Idempotency-Key' must be 1 to 255 visible ASCII characters"));
        }
        RoutingContext rc = request.getCurrent();
        if ("true".equals(rc.request().getParam("dry_run"))) {
            return Uni.createFrom().nullItem(); // changes nothing, so there is nothing to guard or keep
        }
        String fingerprint = fingerprint(rc);
        String subject = identity.getPrincipal().getName();
        // The caller as they are now, before anything is replayed: a moved user is refused here.
        return callers.current().chain(caller -> keys.take(subject, key, fingerprint, config.maxKeysPerCaller())
                .chain(taking -> {
                    if (taking instanceof IdempotencyKeys.Taking.Held held) {
                        return answer(caller, rc, fingerprint, held.stored());
                    }
                    if (taking instanceof IdempotencyKeys.Taking.OverQuota) {
                        return Uni.createFrom().item(Response.fromResponse(error(429, "idempotency_key_quota",
                                        "You hold " + config.maxKeysPerCaller() + " Idempotency-Keys used within the"
                                                + " last day, the most one caller may; send this request without a"
                                                + " key, or retry later"))
                                .header(HttpHeaders.RETRY_AFTER, "60").build());
                    }
                    rc.put(TAKEN, key);
                    return Uni.createFrom().nullItem();
                }));
    }

    private Uni<Response> answer(Caller caller, RoutingContext rc, String fingerprint, IdempotencyKeys.Stored stored) {
        if (!stored.fingerprint().equals(fingerprint)) {
            return Uni.createFrom().item(error(422, "idempotency_key_reused", "This Idempotency-Key was used for"
                    + " another request; use a new key for a new request"));
        }
        if (stored.status() == null) {
            return Uni.createFrom().item(Response.fromResponse(error(409, "idempotency_key_in_progress", "The first"
                    + " request with this Idempotency-Key is still running; retry shortly"))
                    .header(HttpHeaders.RETRY_AFTER, "1").build());
        }
        if (stored.notKept()) {
            String location = stored.location() != null ? stored.location()
                    : HttpMethod.PATCH.equals(rc.request().method()) ? rc.request().path() : null;
            return Uni.createFrom().item(Response.fromResponse(error(409, "idempotency_answer_not_kept", "The request"
                            + " with this Idempotency-Key was carried out (status " + stored.status() + "), but its"
                            + " answer was too large to keep for a replay"
                            + (location == null ? "; read the result again" : "; read the result at " + location)))
                    .header("Idempotent-Replayed", "true").location(location == null ? null : URI.create(location))
                    .build());
        }
        return replays.mayReplay(caller, stored.body()).map(allowed -> allowed ? replay(stored)
                : error(403, "idempotency_replay_forbidden", "The request with this Idempotency-Key was carried"
                        + " out, but its answer names what you can no longer read, so it is not replayed"));
    }

    private static Response replay(IdempotencyKeys.Stored stored) {
        Response.ResponseBuilder replay = Response.status(stored.status()).header("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            replay.entity(stored.body()).type(stored.contentType());
        }
        if (stored.etag() != null) {
            replay.header(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.location() != null) {
            replay.header(HttpHeaders.LOCATION, stored.location());
        }
        return replay.build();
    }

    @ServerResponseFilter
    public Uni<Void> keepTheAnswer(ContainerResponseContext response) {
        RoutingContext rc = request.getCurrent();
        String key = rc == null ? null : rc.get(TAKEN);
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        rc.remove(TAKEN);
        String caller = identity.getPrincipal().getName();
        if (response.getStatus() >= 500) {
            return keys.release(caller, key);
        }
        String body;
        try {
            Object entity = response.getEntity();
            body = entity == null ? null : entity instanceof String text ? text : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            LOG.warnf("Could not keep the answer under an Idempotency-Key: %s", e.getMessage());
            return keys.release(caller, key);
        }
        MediaType type = response.getMediaType();
        boolean notKept = body != null && body.getBytes(StandardCharsets.UTF_8).length > config.maxStoredAnswerBytes();
        return keys.complete(caller, key, response.getStatus(), body == null || notKept ? null
                        : type == null ? MediaType.APPLICATION_JSON : type.toString(),
                response.getHeaderString(HttpHeaders.ETAG), response.getHeaderString(HttpHeaders.LOCATION),
                notKept ? null : body, notKept);
    }

    /** The method, path, query, {@code If-Match} and body: what makes two requests the same request. */
    private static String fingerprint(RoutingContext rc) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String ifMatch = rc.request().getHeader(HttpHeaders.IF_MATCH);
            sha.update((rc.request().method().name() + " " + rc.request().uri() + "\n"
                    + (ifMatch == null ? "" : "If-Match: " + ifMatch) + "\n").getBytes(StandardCharsets.UTF_8));
            if (rc.body() != null && rc.body().buffer() != null) {
                sha.update(rc.body().buffer().getBytes());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Response error(int status, String code, String message) {
        return ErrorMappers.json(new ApiError(status, message, code, List.of(), null));
    }
}
