package org.samplesapi.web;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

/** Strong entity tags derived from a row's version counter, and the {@code If-Match} comparison (RFC 9110 §13.1.1). */
public final class ETags {

    private ETags() {
    }

    /** A 200 answering {@code entity} with the ETag of its {@code version}. */
    public static <T> RestResponse<T> ok(T entity, long version) {
        return RestResponse.ResponseBuilder.ok(entity).header(HttpHeaders.ETAG, of(version)).build();
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether an {@code If-Match} header value is satisfied by the current version: {@code *} matches any existing
     * object; weak tags never match, as If-Match uses the strong comparison.
     */
    public static boolean matches(String ifMatch, long currentVersion) {
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
