package org.samplesapi.organizations;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.samplesapi.audit.PolicyEventView;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.sharing.PolicyChangeParser;
import org.samplesapi.sharing.PolicyPatchSchema;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ApiIds;
import org.samplesapi.web.ETags;
import org.samplesapi.web.JsonBodies;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/organizations/{id}}: an organization's sharing policy, administered by its admins. */
@Tag(name = "Organizations", description = "Organizations and their sharing policies")
@Path("/api/v1/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    private static final Set<String> READ_ONLY = Set.of("$uri", "name", "effective_max_visibility", "samples",
            "created_at", "updated_at");

    private final CallerResolver callers;
    private final OrganizationService service;
    private final PolicyChangeParser parser;

    public OrganizationResource(CallerResolver callers, OrganizationService service, PolicyChangeParser parser) {
        this.callers = callers;
        this.service = service;
        this.parser = parser;
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getOrganization", summary = "Get an organization: its sharing policy and how many of its samples sit at each visibility",
            description = "For its members and platform administrators; to anyone else it does not exist.")
    @APIResponse(responseCode = "200", description = "The organization, with its ETag",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or not the caller's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<Organization>> get(@RestPath String id) {
        String organizationId = ApiIds.existing(id, "Organization");
        return callers.current()
                .chain(caller -> service.get(caller, organizationId))
                .map(organization -> ETags.ok(organization, organization.version));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, JsonBodies.MERGE_PATCH_JSON})
    @Operation(operationId = "patchOrganization", summary = "Change an organization's sharing policy (holds_pii, max_visibility)", description = """
            An admin of the organization may tighten it (declare PII, lower max_visibility); loosening needs a platform
            administrator. A tightening binds what is already shared: in the same transaction every sample of the
            organization above the new cap is lowered to it, each with an audit event naming this policy change.""")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyPatchSchema.class)),
        @Content(mediaType = JsonBodies.MERGE_PATCH_JSON, schema = @Schema(implementation = PolicyPatchSchema.class))})
    @APIResponse(responseCode = "200", description = "The organization after the change, with its new ETag",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, read-only or unknown key, wrong type",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A member who is not its admin (not_organization_admin), or an"
            + " admin loosening it (policy_loosening_requires_platform_admin)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or not the caller's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current ETag",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<Organization>> patch(@RestPath String id,
                                                 @Parameter(description = "Optional: the ETag the change is based on")
                                                 @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
                                                 @Parameter(hidden = true) byte[] body) {
        String organizationId = ApiIds.existing(id, "Organization");
        var change = parser.parse(body, READ_ONLY);
        return callers.current()
                .chain(caller -> service.changePolicy(caller, organizationId, change, ifMatch))
                .map(organization -> ETags.ok(organization, organization.version));
    }

    @GET
    @Path("{id}/events")
    @Operation(operationId = "listOrganizationEvents",
            description = "Every change of the organization's sharing policy, and every member who joined or was"
            + " moved in or out (field organization, naming the member), oldest first. For its admins"
            + " and platform administrators; others get 404.",
            summary = "Every change of an organization's sharing policy, oldest first (its admins and platform"
            + " administrators)")
    @APIResponse(responseCode = "200", description = "The policy events",
            content = @Content(schema = @Schema(implementation = PolicyEventView[].class)))
    @APIResponse(responseCode = "403", description = "A member who is not its admin (not_organization_admin)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or not the caller's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<PolicyEventView>> events(@RestPath String id) {
        String organizationId = ApiIds.existing(id, "Organization");
        return callers.current()
                .chain(caller -> service.events(caller, organizationId))
                .map(events -> events.stream().map(PolicyEventView::of).toList());
    }
}
