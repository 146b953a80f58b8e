package org.samplesapi.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Refuses a body announced larger than {@link BodyLimits} with a JSON 413 before it is read or authenticated.
 * Chunked bodies carry no length; the resource measures those after reading (Vert.x caps them at
 * {@code quarkus.http.limits.max-body-size}).
 */
@ApplicationScoped
public class RequestBodyLimit {

    void install(@Observes Router router, BodyLimits limits) {
        long max = limits.maxBodyBytes();
        String body = Json.encode(ApiException.payloadTooLarge(max).error());
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length, max)) {
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                rc.next();
            }
        });
    }

    private static boolean exceeds(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
