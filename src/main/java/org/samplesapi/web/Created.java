package org.samplesapi.web;

import java.net.URI;

import org.jboss.resteasy.reactive.RestResponse;

/** A 201 with the new object's address in {@code Location} (RFC 9110), where a client, or a fuzzer, finds it. */
public final class Created {

    private Created() {
    }

    /** {@code uri}: the object's {@code $uri}, e.g. {@code /api/v1/projects/<id>}. */
    public static <T> RestResponse<T> at(String uri, T entity) {
        return RestResponse.ResponseBuilder.<T>created(URI.create(uri)).entity(entity).build();
    }
}
