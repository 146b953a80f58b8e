package org.samplesapi.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What every route of the OpenAPI document shares, stated once: the JSON error body of 401, 403 and 503 (with
 * {@code Retry-After}), the {@code X-Request-Id} every answer carries, the paging headers of list routes, and the
 * {@code ETag} of versioned objects. Registered as the document's filter ({@code mp.openapi.filter}).
 */
public class OpenApiConventions implements OASFilter {

    /** Objects answered with their version as the ETag (ETags#ok). */
    private static final Set<String> VERSIONED = Set.of("#/components/schemas/Sample",
            "#/components/schemas/Organization", "#/components/schemas/Account");

    private static final Map<String, String> ERRORS = Map.of(
            "401", "No bearer token, or one that is invalid, expired or for another audience",
            "403", "The caller may not do this; 'code' says why",
            "503", "A dependency (the database or the identity provider) is unavailable; retry after Retry-After");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values()
                .forEach(OpenApiConventions::conventions));
    }

    private static void conventions(Operation operation) {
        ERRORS.forEach((status, description) -> {
            APIResponse response = operation.getResponses().getAPIResponse(status);
            if (response == null) {
                response = OASFactory.createAPIResponse().description(description);
                operation.getResponses().addAPIResponse(status, response);
            } else if (response.getDescription() == null || response.getDescription().equals("Not Authorized")
                    || response.getDescription().equals("Not Allowed")) {
                response.description(description);
            }
            if (response.getContent() == null) {
                response.content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(ref("ApiError"))));
            }
        });
        operation.getResponses().getAPIResponse("503").addHeader("Retry-After",
                header("Seconds to wait before retrying", "integer"));
        boolean list = operation.getParameters() != null && operation.getParameters().stream()
                .map(Parameter::getName).anyMatch("per_page"::equals);
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            response.addHeader("X-Request-Id", header("The request's id: the caller's X-Request-Id, or a new one;"
                    + " every log line of the request carries it", "string"));
            if (!status.startsWith("2") || response.getContent() == null) {
                return;
            }
            if (list) {
                response.addHeader("Link", header("RFC 8288 links to the first, previous, next and last pages"
                        + " (page mode)", "string"));
                response.addHeader("X-Total-Count", header("How many rows match (page mode)", "integer"));
                response.addHeader("X-Next-Cursor", header("The cursor of the next page, absent on the last"
                        + " (cursor mode: X-Pagination-Style: cursor)", "string"));
            }
            var json = response.getContent().getMediaType("application/json");
            if (json != null && json.getSchema() != null && json.getSchema().getRef() != null
                    && VERSIONED.contains(json.getSchema().getRef())) {
                response.addHeader("ETag", header("The object's version; send it back in If-Match", "string"));
            }
        });
    }

    private static Header header(String description, String type) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.valueOf(type.toUpperCase()))));
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }
}
