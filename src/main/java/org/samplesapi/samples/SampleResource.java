package org.samplesapi.samples;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

import org.samplesapi.audit.AuditEventView;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.listing.ListRoutes;
import org.samplesapi.persistence.SampleScope;
import org.samplesapi.metadata.MetadataPatchParser;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.web.ApiIds;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.Created;
import org.samplesapi.web.ETags;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.ListParams;
import org.samplesapi.web.Refs;
import org.samplesapi.web.RequestRefs;
import org.samplesapi.web.query.ListSearch;
import org.samplesapi.web.query.QueryCompiler;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.samplesapi.web.ApiError;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/samples/{id}}: read a sample, change how it is shared, and see who changed that. */
@Tag(name = "Samples", description = "Samples: read, list, change visibility, project and tags")
@Path("/api/v1/samples")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SampleResource {


    private final CallerResolver callers;
    private final SampleService service;
    private final SamplePatchParser parser;
    private final MetadataPatchParser metadataParser;
    private final JsonBodies bodies;
    private final PatchLimits limits;
    private final ListRoutes lists;

    public SampleResource(CallerResolver callers, SampleService service, SamplePatchParser parser,
                          MetadataPatchParser metadataParser, JsonBodies bodies, PatchLimits limits,
                          ListRoutes lists) {
        this.lists = lists;
        this.callers = callers;
        this.service = service;
        this.parser = parser;
        this.metadataParser = metadataParser;
        this.bodies = bodies;
        this.limits = limits;
    }

    @GET
    @Operation(operationId = "listSamples",
            description = "The caller's samples and those shared with them. where and sort take URL-encoded JSON;"
            + " paged by page and per_page (X-Total-Count, Link) or, with X-Pagination-Style: cursor, by"
            + " X-Next-Cursor.",
            summary = "List your samples and those shared with you")
    @APIResponse(responseCode = "200", description = "A page of samples",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SampleView.class)))
    public Uni<RestResponse<List<Sample>>> list(@BeanParam ListParams params) {
        return list(SampleScope.ACCESSIBLE, params);
    }

    @GET
    @Path("public")
    @Operation(operationId = "listPublicSamples",
            description = "Public samples, paged and filtered as GET /api/v1/samples.",
            summary = "List public samples")
    @APIResponse(responseCode = "200", description = "A page of samples",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SampleView.class)))
    public Uni<RestResponse<List<Sample>>> listPublic(@BeanParam ListParams params) {
        return list(SampleScope.PUBLIC, params);
    }

    @GET
    @Path("organization")
    @Operation(operationId = "listOrganizationSamples",
            description = "The samples of the caller's organization that the caller may read, paged and filtered as"
            + " GET /api/v1/samples.",
            summary = "List the samples of your organization that you may read")
    @APIResponse(responseCode = "200", description = "A page of samples",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SampleView.class)))
    public Uni<RestResponse<List<Sample>>> listOrganization(@BeanParam ListParams params) {
        return list(SampleScope.ORGANIZATION, params);
    }

    private Uni<RestResponse<List<Sample>>> list(SampleScope scope, ListParams params) {
        return callers.current().chain(caller -> lists.answer(params, SampleSearch.SOURCE, new ListSearch.Scope() {
            @Override
            public String filter(QueryCompiler binder) {
                return scope.filter(caller, binder::bind);
            }

            @Override
            public List<String> waysIn(QueryCompiler binder) {
                return scope.waysIn(caller, binder::bind, "s");
            }
        }, Sample::read));
    }

    /** {@code expand} is accepted for the public client's {@code expand=all}; references stay {@code $ref}s. */
    @GET
    @Path("{id}")
    @Operation(operationId = "getSample",
            description = "A sample the caller may read, with an ETag to send as If-Match; 404 for a sample that"
            + " does not exist and for one the caller may not read alike.",
            summary = "Get a sample")
    @APIResponse(responseCode = "200", description = "The sample, with its ETag",
            content = @Content(schema = @Schema(implementation = SampleView.class)))
    @APIResponse(responseCode = "404", description = "No such sample, or not one the caller may read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<Sample>> get(@RestPath String id, @RestQuery String expand) {
        String sampleId = ApiIds.existing(id, "Sample");
        return callers.current()
                .chain(caller -> service.get(caller, sampleId))
                .map(sample -> ETags.ok(sample, sample.version));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, JsonBodies.MERGE_PATCH_JSON})
    @Operation(operationId = "patchSample", summary = "Update a sample's visibility, project and tags", description = """
            In general, samples should be considered an immutable resource, but how they are shared may be updated
            by changing their visibility and project properties and the tags associated with them may also be
            changed. All other sample attributes are read-only. Changing the visibility triggers account- and
            organization-level checks (an organization holding PII may not make samples shared or public); adding a
            sample to a project needs the can_add_files permission there.""")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SamplePatchSchema.class)),
        @Content(mediaType = JsonBodies.MERGE_PATCH_JSON, schema = @Schema(implementation = SamplePatchSchema.class))})
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
    public Uni<RestResponse<Sample>> patch(@RestPath String id,
                                           @Parameter(description = "Optional: the ETag the change is based on")
                                           @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
                                           @Parameter(description = "true: check and answer exactly as the change"
                                                   + " would be answered, and change nothing")
                                           @RestQuery("dry_run") String dryRun,
                                           @Parameter(hidden = true) byte[] body) {
        String sampleId = ApiIds.existing(id, "Sample");
        boolean dry = dryRun(dryRun);
        SampleChange change = parser.parse(body);
        return callers.current()
                .chain(caller -> service.patch(caller, sampleId, change, ifMatch, dry))
                .map(sample -> ETags.ok(sample, sample.version));
    }

    /** {@code dry_run} is {@code true} or {@code false}; anything else is a mistake worth telling. */
    static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest(List.of(FieldError.at("dry_run", "'dry_run' is true or false")));
    }

    /**
     * One Codex's preupload: {@code {"metadata": {...}, "project": ref, "tags": [{"name": "..."}]}}, all optional.
     * Creates a private sample in {@code awaiting_data}, tagged with the caller's tags of those names (created if
     * new), and answers {@code {"sample_id": "..."}} (201), which the public client reads.
     */
    @POST
    @Path("preupload")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "preuploadSample",
            description = "Creates a private sample in awaiting_data, with optional metadata, project and tags"
            + " under PATCH's rules. 201 with its Location; a refusal creates nothing.",
            summary = "Create a sample awaiting its data, with optional metadata, project and tags")
    @APIResponse(responseCode = "404", description = "The project or a tag is not one the caller may use",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PreuploadSchemas.Request.class)))
    @APIResponse(responseCode = "201", description = "The new sample's id",
            content = @Content(schema = @Schema(implementation = PreuploadSchemas.Created.class)))
    public Uni<RestResponse<Map<String, String>>> preupload(@Parameter(hidden = true) byte[] body) {
        JsonNode json = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        JsonBodies.onlyKeys(json, List.of("metadata", "project", "tags"), errors);
        JsonNode project = json.get("project");
        String projectId = project == null || project.isNull() ? null
                : RequestRefs.id("project", null, "projects", project, errors);
        List<String> tagNames = tagNames(json.get("tags"), errors);
        JsonNode metadataJson = json.get("metadata");
        if (metadataJson != null && !metadataJson.isObject()) {
            errors.add(FieldError.at("metadata", "'metadata' must be an object of metadata fields"));
        }
        ApiException.rejectAny(errors);
        Map<String, Object> metadataFields = metadataJson == null ? Map.of()
                : metadataParser.parse(metadataJson, List.of("metadata"));
        return callers.current()
                .chain(caller -> service.preupload(caller, projectId, tagNames, metadataFields))
                .map(sampleId -> Created.at(Refs.uri("samples", sampleId), Map.of("sample_id", sampleId)));
    }

    /** Preupload names its tags: {@code [{"name": "WGS"}, ...]} (null items are skipped, names collapse). */
    private List<String> tagNames(JsonNode tags, List<FieldError> errors) {
        Set<String> names = new LinkedHashSet<>();
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        if (!tags.isArray()) {
            errors.add(FieldError.at("tags", "'tags' must be an array of {\"name\": \"...\"}"));
            return List.of();
        }
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            if (tag.isNull() || tag.isObject() && tag.size() == 1 && tag.path("name").isNull()) {
                continue;
            }
            JsonNode name = tag.path("name");
            if (!tag.isObject() || tag.size() != 1 || !name.isTextual() || name.textValue().isBlank()
                    || name.textValue().length() > 30) {
                errors.add(FieldError.at("tags", i, "each tag must be {\"name\": \"...\"} with 1 to 30 characters"));
            } else {
                names.add(name.textValue().trim());
            }
        }
        if (names.size() > limits.maxTags()) {
            errors.add(FieldError.at("tags", "a sample may carry at most " + limits.maxTags() + " tags"));
        }
        return List.copyOf(names);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteSample",
            description = "Marks the sample deleted, for its owner or an admin of their organization, and audits"
            + " it; it then disappears for everyone. 204.",
            summary = "Delete a sample (it becomes 'deleted' and disappears for everyone)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Readable but not the caller's (not_sample_owner)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such sample, or not one the caller may read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        String sampleId = ApiIds.existing(id, "Sample");
        return callers.current()
                .chain(caller -> service.delete(caller, sampleId))
                .replaceWith(RestResponse.noContent());
    }

    @GET
    @Path("{id}/permissions")
    @Operation(operationId = "getSamplePermissions", summary = "What the caller may do with a sample: each visibility, its project, its tags, deleting it",
            description = "Each refusal carries the code and message the request itself would be answered with.")
    @APIResponse(responseCode = "200", description = "The caller's permissions on the sample",
            content = @Content(schema = @Schema(implementation = SamplePermissionsView.class)))
    @APIResponse(responseCode = "404", description = "No such sample, or not one the caller may read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<SamplePermissionsView> permissions(@RestPath String id) {
        String sampleId = ApiIds.existing(id, "Sample");
        return callers.current()
                .chain(caller -> service.permissions(caller, sampleId))
                .map(permissions -> SamplePermissionsView.of(sampleId, permissions));
    }

    @GET
    @Path("{id}/events")
    @Operation(operationId = "listSampleEvents",
            description = "The audit trail of the sample's visibility, project and status changes, oldest first,"
            + " for its owner and their organization's admins.",
            summary = "The audit trail of a sample's visibility and project changes (owner and org admins)")
    public Uni<List<AuditEventView>> events(@RestPath String id) {
        String sampleId = ApiIds.existing(id, "Sample");
        return callers.current()
                .chain(caller -> service.auditTrail(caller, sampleId))
                .map(events -> events.stream().map(AuditEventView::of).toList());
    }
}
