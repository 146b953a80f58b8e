package org.samplesapi.idempotency;

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
import org.samplesapi.web.ApiError;
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
 * {@code Idempotency-Key} on POST and PATCH: a retry with the same key and the same request, from the same caller,
 * within 24 hours, gets the first answer again and changes nothing; the same key with another request gets a 422
 * ({@code idempotency_key_reused}), and a retry while the first request still runs a 409
 * ({@code idempotency_key_in_progress}). A first request that failed with a 5xx leaves the key free, as nothing was
 * done that a retry must not repeat.
 */
@ApplicationScoped
public class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PATCH);
    private static final String TAKEN = "samples.idempotency.taken";

    private final IdempotencyKeys keys;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final ObjectMapper json;

    public IdempotentRequests(IdempotencyKeys keys, SecurityIdentity identity, CurrentVertxRequest request,
                              ObjectMapper json) {
        this.keys = keys;
        this.identity = identity;
        this.request = request;
        this.json = json;
    }

    /** The request's body is read (within the body limit) before it runs, so that it can be part of its fingerprint. */
    void readBodies(@Observes Router router, BodyLimits limits) {
        // RequestBodyLimit, before this, held each route to its own limit; this only reads what it let through.
        BodyHandler bodies = BodyHandler.create(false)
                .setBodyLimit(Math.max(limits.maxBodyBytes(), limits.maxBulkBodyBytes()));
        router.route().order(Integer.MIN_VALUE + 2).handler(rc -> {
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
        String fingerprint = fingerprint(rc);
        String caller = identity.getPrincipal().getName();
        return keys.take(caller, key, fingerprint).map(stored -> {
            if (stored == null) {
                rc.put(TAKEN, key);
                return null;
            }
            if (!stored.fingerprint().equals(fingerprint)) {
                return error(422, "idempotency_key_reused", "This Idempotency-Key was used for another request;"
                        + " use a new key for a new request");
            }
            if (stored.status() == null) {
                return Response.fromResponse(error(409, "idempotency_key_in_progress", "The first request with"
                        + " this Idempotency-Key is still running; retry shortly")).header(HttpHeaders.RETRY_AFTER, "1")
                        .build();
            }
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
        });
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
        return keys.complete(caller, key, response.getStatus(), body == null ? null
                        : type == null ? MediaType.APPLICATION_JSON : type.toString(),
                response.getHeaderString(HttpHeaders.ETAG), response.getHeaderString(HttpHeaders.LOCATION), body);
    }

    /** The method, path, query and body: what makes two requests the same request. */
    private static String fingerprint(RoutingContext rc) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((rc.request().method().name() + " " + rc.request().uri() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
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
