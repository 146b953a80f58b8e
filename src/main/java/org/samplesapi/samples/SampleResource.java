package org.samplesapi.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.samplesapi.audit.AuditEventView;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.metadata.MetadataPatchParser;
import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.ETags;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.ListParams;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.samplesapi.web.ApiError;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/samples/{id}}: read a sample, change how it is shared, and see who changed that. */
@Path("/api/v1/samples")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SampleResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final CallerResolver callers;
    private final SampleService service;
    private final SamplePatchParser parser;
    private final MetadataPatchParser metadataParser;
    private final JsonBodies bodies;

    public SampleResource(CallerResolver callers, SampleService service, SamplePatchParser parser,
                          MetadataPatchParser metadataParser, JsonBodies bodies) {
        this.callers = callers;
        this.service = service;
        this.parser = parser;
        this.metadataParser = metadataParser;
        this.bodies = bodies;
    }

    @GET
    @Operation(summary = "List your samples and those shared with you")
    public Uni<RestResponse<List<SampleView>>> list(@BeanParam ListParams params) {
        return list(SampleScope.ACCESSIBLE, params);
    }

    @GET
    @Path("public")
    @Operation(summary = "List public samples")
    public Uni<RestResponse<List<SampleView>>> listPublic(@BeanParam ListParams params) {
        return list(SampleScope.PUBLIC, params);
    }

    @GET
    @Path("organization")
    @Operation(summary = "List the samples of your organization that you may read")
    public Uni<RestResponse<List<SampleView>>> listOrganization(@BeanParam ListParams params) {
        return list(SampleScope.ORGANIZATION, params);
    }

    private Uni<RestResponse<List<SampleView>>> list(SampleScope scope, ListParams params) {
        return callers.current()
                .chain(caller -> service.list(params.search(SampleSearch.SOURCE, binder -> scope.filter(caller, binder))))
                .map(page -> params.respond(page, SampleView::of));
    }

    /** {@code expand} is accepted for the public client's {@code expand=all}; references stay {@code $ref}s. */
    @GET
    @Path("{id}")
    @Operation(summary = "Get a sample")
    @APIResponse(responseCode = "200", description = "The sample, with its ETag",
            content = @Content(schema = @Schema(implementation = SampleView.class)))
    @APIResponse(responseCode = "404", description = "No such sample, or not one the caller may read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<SampleView>> get(@RestPath String id, @RestQuery String expand) {
        String sampleId = Ids.existing(id, "Sample");
        return callers.current()
                .chain(caller -> service.get(caller, sampleId))
                .map(SampleResource::withETag);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    @Operation(summary = "Update a sample's visibility, project and tags", description = """
            In general, samples should be considered an immutable resource, but how they are shared may be updated
            by changing their visibility and project properties and the tags associated with them may also be
            changed. All other sample attributes are read-only. Changing the visibility triggers account- and
            organization-level checks (an organization holding PII may not make samples shared or public); adding a
            sample to a project needs the can_add_files permission there.""")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SamplePatchSchema.class)),
        @Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(implementation = SamplePatchSchema.class))})
    @APIResponse(responseCode = "200", description = "The whole updated sample, with its new ETag",
            content = @Content(schema = @Schema(implementation = SampleView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, read-only or unknown key, wrong type",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Readable but not modifiable (not_sample_owner), or denied by"
            + " org_policy_violation, account_policy_violation or project_permission_denied",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such sample (or not readable); or a project or tag the"
            + " caller cannot see, named in 'item'", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current ETag",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 64 KiB",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Not application/json or application/merge-patch+json",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<SampleView>> patch(@RestPath String id,
                                               @Parameter(description = "Optional: the ETag the change is based on")
                                               @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
                                               @Parameter(hidden = true) byte[] body) {
        String sampleId = Ids.existing(id, "Sample");
        SampleChange change = parser.parse(body);
        return callers.current()
                .chain(caller -> service.patch(caller, sampleId, change, ifMatch))
                .map(SampleResource::withETag);
    }

    /**
     * {@code {"metadata": {...}, "project": ref, "tags": [refs]}}, all optional: a new private sample in
     * {@code awaiting_data}, returned whole (201).
     */
    @POST
    @Path("preupload")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a sample awaiting its data, with optional metadata, project and tags")
    public Uni<RestResponse<SampleView>> preupload(@Parameter(hidden = true) byte[] body) {
        JsonNode json = bodies.object(body);
        JsonNode metadataJson = json.get("metadata");
        List<FieldError> errors = new ArrayList<>();
        if (metadataJson != null && !metadataJson.isObject()) {
            errors.add(FieldError.at("metadata", "'metadata' must be an object of metadata fields"));
        }
        ObjectNode rest = ((ObjectNode) json).deepCopy();
        rest.remove("metadata");
        if (rest.has("visibility")) {
            errors.add(FieldError.at("visibility", "a new sample is private; change it with PATCH once uploaded"));
            rest.remove("visibility");
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        SampleChange change = parser.parse(rest);
        Map<String, Object> metadataFields = metadataJson == null ? Map.of()
                : metadataParser.parse(metadataJson, List.of("metadata"));
        return callers.current()
                .chain(caller -> service.preupload(caller, change, metadataFields))
                .map(row -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, SampleView.of(row))
                        .header(HttpHeaders.ETAG, ETags.of(row.version())).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a sample (it becomes 'deleted' and disappears for everyone)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Readable but not the caller's (not_sample_owner)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such sample, or not one the caller may read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        String sampleId = Ids.existing(id, "Sample");
        return callers.current()
                .chain(caller -> service.delete(caller, sampleId))
                .replaceWith(RestResponse.noContent());
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The audit trail of a sample's visibility and project changes (owner and org admins)")
    public Uni<List<AuditEventView>> events(@RestPath String id) {
        String sampleId = Ids.existing(id, "Sample");
        return callers.current()
                .chain(caller -> service.auditTrail(caller, sampleId))
                .map(events -> events.stream().map(AuditEventView::of).toList());
    }

    private static RestResponse<SampleView> withETag(SampleRow row) {
        return RestResponse.ResponseBuilder.ok(SampleView.of(row))
                .header(HttpHeaders.ETAG, ETags.of(row.version()))
                .build();
    }
}
