package org.samplesapi.metadata;

import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.listing.ListRoutes;
import org.samplesapi.persistence.SampleScope;
import org.samplesapi.web.ApiIds;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.ListParams;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/metadata}: list, get and PATCH the metadata records of readable samples. */
@Tag(name = "Metadata", description = "A sample's metadata record")
@Path("/api/v1/metadata")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    private final CallerResolver callers;
    private final ListRoutes lists;
    private final MetadataRepository metadata;
    private final MetadataService service;
    private final MetadataPatchParser parser;

    public MetadataResource(CallerResolver callers, ListRoutes lists, MetadataRepository metadata, MetadataService service,
                            MetadataPatchParser parser) {
        this.callers = callers;
        this.lists = lists;
        this.metadata = metadata;
        this.service = service;
        this.parser = parser;
    }

    @GET
    @Operation(operationId = "listMetadata",
            description = "The metadata records of the samples the caller may read. where and sort take URL-encoded"
            + " JSON; paged by page and per_page (X-Total-Count, Link) or, with X-Pagination-Style:"
            + " cursor, by X-Next-Cursor.")
    public Uni<RestResponse<List<MetadataView>>> list(@BeanParam ListParams params) {
        return callers.current().chain(caller -> lists.answer(params, MetadataRepository.SOURCE,
                binder -> SampleScope.READABLE.filter(caller, binder::bind), metadata::view));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getMetadata",
            description = "The metadata record of a sample the caller may read; 404 otherwise.")
    public Uni<MetadataView> get(@RestPath String id) {
        return callers.lookup("Metadata", id, metadata::visibleTo);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "patchMetadata",
            description = "Changes the keys sent of a sample's metadata record. Needs ownership of the sample or"
            + " can_edit_metadata on its project; a refusal changes nothing.")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MetadataPatchSchema.class)),
        @Content(mediaType = JsonBodies.MERGE_PATCH_JSON, schema = @Schema(implementation = MetadataPatchSchema.class))})
    public Uni<MetadataView> patch(@RestPath String id, @Parameter(hidden = true) byte[] body) {
        String metadataId = ApiIds.existing(id, "Metadata");
        var changes = parser.parse(body);
        return callers.current().chain(caller -> service.edit(caller, metadataId, changes));
    }
}
