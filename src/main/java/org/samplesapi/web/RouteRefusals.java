package org.samplesapi.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The JSON refusals sent by route handlers, below Quarkus REST (whose exception mappers render the others): a body
 * limit, a missing token, a spent address allowance.
 */
public final class RouteRefusals {

    private RouteRefusals() {
    }

    /**
     * Ends the request with {@code status} and the encoded {@link ApiError} {@code json}. An HTTP/1.1 request whose
     * body was not read has its connection closed rather than the rest of the upload read; HTTP/2 forbids the header
     * (RFC 9113 8.2.2), and ending the stream is enough there.
     */
    public static void end(RoutingContext rc, int status, String json) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (rc.request().version() != HttpVersion.HTTP_2 && !rc.request().isEnded()) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        rc.response().end(json);
    }
}
