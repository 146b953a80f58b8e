package org.samplesapi.web;

import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses a body larger than {@link BodyLimits} with a JSON 413. A body that announces its length is refused before
 * it is read or authenticated; a chunked one is read here, once its caller is authenticated, with Vert.x's body
 * handler, capped at the same limit, so no upload of any size reaches Quarkus's own (plain-text) 413.
 */
@ApplicationScoped
public class RequestBodyLimit {

    // Without Content-Length (chunked HTTP/1.1, or HTTP/2 without the header) the size is only known by reading.
    private static final Set<HttpMethod> MAY_HAVE_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    void install(@Observes Router router, BodyLimits limits) {
        Limit usual = new Limit(limits.maxBodyBytes());
        Limit bulk = new Limit(limits.maxBulkBodyBytes());
        Function<RoutingContext, Limit> limitOf = rc -> BodyLimits.isBulk(rc.normalizedPath()) ? bulk : usual;
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> { // after PrivateResponses
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length, limitOf.apply(rc).max())) {
                RouteRefusals.end(rc, 413, limitOf.apply(rc).refusal());
            } else {
                rc.next();
            }
        });
        // A body of unknown length is read only once its caller is authenticated.
        router.route().order(AuthenticateFirst.BODIES).handler(rc -> {
            if (rc.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && MAY_HAVE_BODY.contains(rc.request().method())) {
                limitOf.apply(rc).chunkedBodies().handle(rc);
            } else {
                rc.next();
            }
        }).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().ended()) {
                RouteRefusals.end(rc, 413, limitOf.apply(rc).refusal());
            } else {
                rc.next();
            }
        });
    }

    /** A body limit, the 413 that refuses a larger body, and the reader of chunked bodies up to it. */
    private record Limit(long max, String refusal, BodyHandler chunkedBodies) {
        Limit(long max) {
            this(max, Json.encode(ApiException.payloadTooLarge(max).error()),
                    BodyHandler.create(false).setBodyLimit(max));
        }
    }

    private static boolean exceeds(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
