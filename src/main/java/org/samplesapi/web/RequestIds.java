package org.samplesapi.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Every request gets an id made here, {@code requestId}: the audit trail stores it, so no caller can stamp their
 * change with another request's id. A caller's (or gateway's) {@code X-Request-Id}, when it is a plain token, is kept
 * beside it as {@code clientRequestId}. Both go in the logging context, where every log line written for the request
 * (JSON in production) carries them; the response echoes the caller's id, or the service's when the caller sent none.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    static final String CLIENT_MDC_KEY = "clientRequestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The id of the request being served, or {@code null} outside one. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The caller's {@code X-Request-Id} for the request being served, or {@code null} when they sent none. */
    public static String client() {
        Object id = MDC.get(CLIENT_MDC_KEY);
        return id == null ? null : id.toString();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String given = rc.request().getHeader(HEADER);
            String id = UUID.randomUUID().toString();
            // Quarkus keeps the MDC in the request's (duplicated) Vert.x context, so it follows the reactive chain.
            MDC.put(MDC_KEY, id);
            if (given != null && ACCEPTABLE.matcher(given).matches()) {
                MDC.put(CLIENT_MDC_KEY, given);
                rc.response().putHeader(HEADER, given);
            } else {
                rc.response().putHeader(HEADER, id);
            }
            rc.next();
        });
    }
}
