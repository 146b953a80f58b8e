package org.samplesapi.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is a plain token (so a gateway's id carries
 * through), a new one otherwise. It is echoed in the response and put in the logging context, where every log line
 * written for the request (JSON in production) carries it as {@code requestId}.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The id of the request being served, or {@code null} outside one. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String given = rc.request().getHeader(HEADER);
            String id = given != null && ACCEPTABLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            rc.response().putHeader(HEADER, id);
            // Quarkus keeps the MDC in the request's (duplicated) Vert.x context, so it follows the reactive chain.
            MDC.put(MDC_KEY, id);
            rc.next();
        });
    }
}
