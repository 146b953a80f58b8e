package org.samplesapi.projects;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.listing.ListRoutes;
import org.samplesapi.policy.ProjectPermission;
import org.samplesapi.users.UserView;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ApiIds;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.Created;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.ListParams;
import org.samplesapi.web.RequestRefs;
import org.samplesapi.web.query.ListSearch;
import org.samplesapi.web.query.ListSource;
import org.samplesapi.web.query.QueryCompiler;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/projects}: list, get, create, change, delete, and manage members. */
@Tag(name = "Projects", description = "Projects and who may see or add to them")
@Path("/api/v1/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    /** One Codex's default grant for a new member. */
    private static final Set<ProjectPermission> DEFAULT_GRANT = EnumSet.of(ProjectPermission.CAN_SEE_FILES,
            ProjectPermission.CAN_ADD_FILES, ProjectPermission.CAN_EDIT_METADATA, ProjectPermission.CAN_DOWNLOAD_FILES);

    private final CallerResolver callers;
    private final ListRoutes lists;
    private final ProjectRepository projects;
    private final ProjectService service;
    private final ProjectFieldsParser parser;
    private final JsonBodies bodies;

    public ProjectResource(CallerResolver callers, ListRoutes lists, ProjectRepository projects, ProjectService service,
                           ProjectFieldsParser parser, JsonBodies bodies) {
        this.callers = callers;
        this.lists = lists;
        this.projects = projects;
        this.service = service;
        this.parser = parser;
        this.bodies = bodies;
    }

    /** The caller's projects: owned or joined. */
    @GET
    @Operation(operationId = "listProjects",
            description = "The projects the caller may see, each with the caller's own permissions, paged and"
            + " filtered as the other lists (where, sort; page and per_page, or X-Pagination-Style:"
            + " cursor).")
    public Uni<RestResponse<List<ProjectView>>> list(@BeanParam ListParams params) {
        return callers.current().chain(caller -> lists.answer(params, ProjectRepository.SOURCE,
                scope(binder -> ProjectRepository.mine(caller, binder::bind),
                        binder -> ProjectRepository.permissionsColumn(caller, binder::bind)),
                columns -> ProjectRepository.view(caller, columns)));
    }

    @GET
    @Path("public")
    @Operation(operationId = "listPublicProjects",
            description = "The public projects, paged and filtered as the other lists.")
    public Uni<RestResponse<List<ProjectView>>> listPublic(@BeanParam ListParams params) {
        return callers.current().chain(caller -> lists.answer(params, ProjectRepository.SOURCE,
                scope(binder -> "p.public", binder -> ProjectRepository.permissionsColumn(caller, binder::bind)),
                columns -> ProjectRepository.view(caller, columns)));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getProject",
            description = "A project the caller may see, with the caller's own permissions on it; 404 otherwise.")
    public Uni<ProjectView> get(@RestPath String id) {
        return callers.lookup("Project", id, projects::visibleTo);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createProject",
            description = "Creates a project of the caller's. 201 with the project and its Location.")
    @APIResponse(responseCode = "409", description = "The caller already has a project with this project_name",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectBodySchemas.Fields.class)))
    @APIResponse(responseCode = "201", description = "The new project",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    public Uni<RestResponse<ProjectView>> create(@Parameter(hidden = true) byte[] body) {
        var fields = parser.parse(body, true);
        return callers.current().chain(caller -> service.create(caller, fields))
                .map(project -> Created.at(project.uri(), project));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "patchProject",
            description = "Changes the keys sent of a project; needs can_administer on it. A refusal changes"
            + " nothing.")
    @APIResponse(responseCode = "200", description = "The changed project",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", description = "The caller already has a project with this project_name",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectBodySchemas.Fields.class)),
        @Content(mediaType = JsonBodies.MERGE_PATCH_JSON, schema = @Schema(implementation = ProjectBodySchemas.Fields.class))})
    public Uni<ProjectView> update(@RestPath String id, @Parameter(hidden = true) byte[] body) {
        String projectId = ApiIds.existing(id, "Project");
        var fields = parser.parse(body, false);
        return callers.current().chain(caller -> service.update(caller, projectId, fields));
    }

    /** {@code {"public": true|false}}; needs can_administer. */
    @POST
    @Path("{id}/change_sharing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeProjectSharing",
            description = "Makes the project public or private; needs can_administer.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectBodySchemas.Sharing.class)))
    public Uni<ProjectView> changeSharing(@RestPath String id, @Parameter(hidden = true) byte[] body) {
        String projectId = ApiIds.existing(id, "Project");
        JsonNode json = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        JsonBodies.onlyKeys(json, List.of("public"), errors);
        JsonNode isPublic = json.path("public");
        if (!isPublic.isMissingNode() && !isPublic.isBoolean()) {
            errors.add(FieldError.at("public", "'public' must be true or false"));
        }
        ApiException.rejectAny(errors);
        boolean value = isPublic.asBoolean(false);
        return callers.current().chain(caller -> service.changeSharing(caller, projectId, value));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteProject",
            description = "Deletes a project; needs can_administer on it, and 409 (project_not_empty) while samples"
            + " are in it. 204.")
    @APIResponse(responseCode = "204", description = "Deleted; the samples the caller may change left it")
    @APIResponse(responseCode = "409", description = "Samples the caller may not change are still in the project"
            + " (project_not_empty); nothing changed", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        String projectId = ApiIds.existing(id, "Project");
        return callers.current().chain(caller -> service.delete(caller, projectId))
                .replaceWith(RestResponse.noContent());
    }

    @GET
    @Path("{id}/members")
    @Operation(operationId = "listProjectMembers",
            description = "The project's members and their permissions, for its members.")
    public Uni<List<UserView>> members(@RestPath String id) {
        String projectId = ApiIds.existing(id, "Project");
        return callers.current().chain(caller -> service.members(caller, projectId));
    }

    /** {@code {"user": {"$ref": ...}, "permissions": [...]}}; needs can_administer. */
    @POST
    @Path("{id}/add_user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addProjectUser",
            description = "Gives a user the listed permissions on the project, with One Codex's permission names"
            + " (can_see_files, can_add_files, can_edit_metadata, can_administer); needs can_administer.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectBodySchemas.AddUser.class)))
    public Uni<List<UserView>> addUser(@RestPath String id, @Parameter(hidden = true) byte[] body) {
        String projectId = ApiIds.existing(id, "Project");
        JsonNode json = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        String userId = user(json, errors);
        Set<ProjectPermission> grant = EnumSet.copyOf(DEFAULT_GRANT);
        JsonNode permissions = json.get("permissions");
        if (permissions != null) {
            grant = EnumSet.noneOf(ProjectPermission.class);
            if (!permissions.isArray()) {
                errors.add(FieldError.at("permissions", "'permissions' must be an array of permission names"));
            } else {
                for (int i = 0; i < permissions.size(); i++) {
                    var permission = ProjectPermission.fromWire(permissions.get(i).asText(""));
                    if (permission.isPresent()) {
                        grant.add(permission.get());
                    } else {
                        errors.add(FieldError.at("permissions", i, "unknown permission"));
                    }
                }
            }
        }
        JsonBodies.onlyKeys(json, List.of("user", "permissions"), errors);
        ApiException.rejectAny(errors);
        Set<ProjectPermission> granted = grant;
        return callers.current().chain(caller -> service.addUser(caller, projectId, userId, granted));
    }

    /** {@code {"user": {"$ref": ...}}}; needs can_administer. */
    @POST
    @Path("{id}/remove_user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "removeProjectUser",
            description = "Takes a user out of the project; needs can_administer.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectBodySchemas.RemoveUser.class)))
    public Uni<List<UserView>> removeUser(@RestPath String id, @Parameter(hidden = true) byte[] body) {
        String projectId = ApiIds.existing(id, "Project");
        JsonNode json = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        String userId = user(json, errors);
        JsonBodies.onlyKeys(json, List.of("user"), errors);
        ApiException.rejectAny(errors);
        return callers.current().chain(caller -> service.removeUser(caller, projectId, userId));
    }

    private static String user(JsonNode json, List<FieldError> errors) {
        if (!json.has("user")) {
            errors.add(FieldError.at("user", "'user' is required"));
            return null;
        }
        return RequestRefs.id("user", null, "users", json.get("user"), errors);
    }

    private static ListSearch.Scope scope(java.util.function.Function<QueryCompiler, String> filter,
                                          java.util.function.Function<QueryCompiler, String> permissions) {
        return new ListSearch.Scope() {
            @Override
            public String filter(QueryCompiler binder) {
                return filter.apply(binder);
            }

            @Override
            public String columns(ListSource source, QueryCompiler binder) {
                return source.columns() + ", " + permissions.apply(binder);
            }
        };
    }
}
