package org.samplesapi.web;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Every API route needs a bearer token, so a request without one is answered 401 at once, before a byte of its body
 * is read: no upload is buffered for a caller who cannot be served. Requests with a token are authenticated by
 * Quarkus next (a bad token is refused there), and only then are bodies read ({@link #BODIES}).
 */
@ApplicationScoped
public class AuthenticateFirst {

    /**
     * Where handlers that read a request's body go: after Quarkus's authentication (its handler is at -200) and
     * before its authorization (-100).
     */
    public static final int BODIES = -150;

    static final int ORDER = Integer.MIN_VALUE + 3;
    private static final String REFUSAL = Json.encode(ErrorMappers.UNAUTHENTICATED);

    void install(@Observes Router router) {
        router.route(PrivateResponses.API_PATHS).order(ORDER).handler(rc -> {
            String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
            boolean bearer = authorization != null && authorization.length() > 7
                    && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
            if (bearer || rc.request().method() == HttpMethod.OPTIONS) { // a CORS preflight carries no token
                rc.next();
                return;
            }
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            RouteRefusals.end(rc, 401, REFUSAL);
        });
    }
}
