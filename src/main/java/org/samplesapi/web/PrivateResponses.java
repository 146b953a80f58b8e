package org.samplesapi.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Every answer of the API is about what one caller may see, so no shared cache may keep it and no browser may guess
 * its type. Set on the Vert.x route, so it also covers answers written before the REST layer (401, 413).
 */
@ApplicationScoped
public class PrivateResponses {

    static final String API_PATHS = "/api/*";

    void install(@Observes Router router) {
        router.route(API_PATHS).order(Integer.MIN_VALUE).handler(rc -> {
            rc.response().headers()
                    .set(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .set("X-Content-Type-Options", "nosniff");
            rc.next();
        });
    }
}
