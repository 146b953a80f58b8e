package org.samplesapi.tags;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.Created;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.ListParams;
import org.samplesapi.web.RequestRefs;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/tags}: list, get, and create-and-attach. */
@Tag(name = "Tags", description = "The caller's tags")
@Path("/api/v1/tags")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    private static final int MAX_NAME = 30;

    private final CallerResolver callers;
    private final ListRoutes lists;
    private final TagRepository tags;
    private final TagService service;
    private final JsonBodies bodies;

    public TagResource(CallerResolver callers, ListRoutes lists, TagRepository tags, TagService service, JsonBodies bodies) {
        this.callers = callers;
        this.lists = lists;
        this.tags = tags;
        this.service = service;
        this.bodies = bodies;
    }

    @GET
    @Operation(operationId = "listTags",
            description = "The tags the caller may see (their own, their organization's, and those on samples they"
            + " may read), paged and filtered as the other lists.")
    public Uni<RestResponse<List<TagView>>> list(@BeanParam ListParams params) {
        return callers.current().chain(caller -> lists.answer(params, TagRepository.SOURCE,
                binder -> TagRepository.visible(caller, binder::bind), TagView::read));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getTag",
            description = "A tag the caller may see; 404 otherwise.")
    public Uni<TagView> get(@RestPath String id) {
        return callers.lookup("Tag", id, tags::visibleTo);
    }

    /** {@code {"name": "...", "sample": {"$ref": "/api/v1/samples/<id>"}}} → 201 and the tag. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTag",
            description = "Creates the caller's tag of that name, or reuses it, and attaches it to the sample"
            + " named, which the caller must be allowed to modify. 201 with the tag and its Location.")
    @APIResponse(responseCode = "404", description = "The sample is not one the caller may read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TagBodySchema.class)))
    @APIResponse(responseCode = "201", description = "The new tag",
            content = @Content(schema = @Schema(implementation = TagView.class)))
    public Uni<RestResponse<TagView>> create(@Parameter(hidden = true) byte[] body) {
        JsonNode json = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        JsonBodies.onlyKeys(json, List.of("name", "sample"), errors);
        JsonNode name = json.get("name");
        if (name == null || !name.isTextual() || name.textValue().isBlank() || name.textValue().length() > MAX_NAME) {
            errors.add(FieldError.at("name", "'name' must be a non-empty string of at most " + MAX_NAME + " characters"));
        }
        String sampleId = json.has("sample") ? RequestRefs.id("sample", null, "samples", json.get("sample"), errors)
                : null;
        if (!json.has("sample")) {
            errors.add(FieldError.at("sample", "'sample' is required: the sample to tag"));
        }
        ApiException.rejectAny(errors);
        return callers.current()
                .chain(caller -> service.createAndAttach(caller, name.textValue().trim(), sampleId))
                .map(tag -> Created.at(tag.uri(), tag));
    }
}
