package org.samplesapi.web;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request in the {@code samples.access} category, when the response has been sent: its method, the
 * route's template (never the raw path, which holds ids), status and duration as fields of the line's logging
 * context, beside the request id (and the trace id where tracing runs) that every line of the request carries. It
 * holds no token and no caller identity. {@code SAMPLES_ACCESS_LOG_ENABLED=false} turns it off.
 */
@ApplicationScoped
public class AccessLog {

    static final String CATEGORY = "samples.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** Where Quarkus REST leaves the matched route's template: a local of the request's context (ObservabilityUtil). */
    private static final String TEMPLATE = "UrlPathTemplate";

    void install(@Observes Router router, AccessLogConfig config) {
        if (!config.enabled()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            long start = System.nanoTime();
            rc.addEndHandler(ended -> write(rc, (System.nanoTime() - start) / 1_000_000.0));
            rc.next();
        });
    }

    private static void write(RoutingContext rc, double millis) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Map<String, Object> fields = Map.of("method", rc.request().method().name(), "route", route(rc),
                "status", rc.response().getStatusCode(), "durationMs", String.format(Locale.ROOT, "%.1f", millis));
        fields.forEach(MDC::put);
        try {
            LOG.infof("%s %s %d %s ms", fields.get("method"), fields.get("route"), fields.get("status"),
                    fields.get("durationMs"));
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** The template of the matched route; Quarkus's own routes by their fixed path; anything else as unmatched. */
    static String route(RoutingContext rc) {
        Object template = ((HttpServerRequestInternal) rc.request()).context().getLocal(TEMPLATE);
        if (template != null) {
            return template.toString();
        }
        String path = rc.normalizedPath();
        return path.startsWith("/q/") && path.chars().noneMatch(Character::isDigit) ? path : "unmatched";
    }
}
