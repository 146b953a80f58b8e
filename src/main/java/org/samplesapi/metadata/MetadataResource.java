package org.samplesapi.metadata;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.samplesapi.identity.CallerResolver;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/metadata/{id}}. */
@Path("/api/v1/metadata")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    private final CallerResolver callers;
    private final MetadataRepository metadata;

    public MetadataResource(CallerResolver callers, MetadataRepository metadata) {
        this.callers = callers;
        this.metadata = metadata;
    }

    @GET
    @Path("{id}")
    public Uni<MetadataView> get(@RestPath String id) {
        return callers.lookup("Metadata", id, metadata::visibleTo);
    }
}
