package org.samplesapi.classifications;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.samplesapi.identity.CallerResolver;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/classifications/{id}}: readable when a sample the caller may read refers to it. */
@Tag(name = "Classifications", description = "A sample's classification results")
@Path("/api/v1/classifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ClassificationResource {

    private final CallerResolver callers;
    private final ClassificationRepository classifications;

    public ClassificationResource(CallerResolver callers, ClassificationRepository classifications) {
        this.callers = callers;
        this.classifications = classifications;
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getClassification",
            description = "A classification of a sample the caller may read; 404 otherwise.")
    public Uni<ClassificationView> get(@RestPath String id) {
        return callers.lookup("Classification", id, classifications::visibleTo);
    }
}
