package org.samplesapi.tags;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.samplesapi.identity.CallerResolver;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/tags/{id}}. */
@Path("/api/v1/tags")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    private final CallerResolver callers;
    private final TagRepository tags;

    public TagResource(CallerResolver callers, TagRepository tags) {
        this.callers = callers;
        this.tags = tags;
    }

    @GET
    @Path("{id}")
    public Uni<TagView> get(@RestPath String id) {
        return callers.lookup("Tag", id, tags::visibleTo);
    }
}
