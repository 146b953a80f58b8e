package org.samplesapi.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What every route of the OpenAPI document shares, stated once: the JSON error body of 401, 403, 429 and 503 (with
 * {@code Retry-After}), of 400 where a route takes input, of 404 where it names an object or a page, and of 413 and
 * 415 where it takes a body; the {@code X-Request-Id} and rate-limit headers every answer carries, the paging headers
 * of list routes, the {@code ETag} of versioned objects, the {@code Location} of a 201, and the {@code Idempotency-Key}
 * of POST and PATCH; schemas of alternatives without a type of their own; and an example from the demo data for every
 * route's {@code id}. Registered as the document's filter ({@code mp.openapi.filter}).
 */
public class OpenApiConventions implements OASFilter {

    /** Objects answered with their version as the ETag (ETags#ok). */
    private static final Set<String> VERSIONED = Set.of("#/components/schemas/Sample",
            "#/components/schemas/Organization", "#/components/schemas/Account");

    /** Ids of the demo data (src/main/resources/db/dev), by resource. */
    private static final Map<String, String> DEMO_IDS = Map.of("samples", "5a00000000000001",
            "projects", "9000000000000001", "users", "00000000000000a1", "organizations", "0000000000000a01",
            "tags", "7aa1000000000001", "metadata", "e000000000000001", "classifications", "3c00000000000001");

    private static final Map<String, String> ERRORS = Map.of(
            "401", "No bearer token, or one that is invalid, expired or for another audience",
            "403", "The caller may not do this; 'code' says why",
            "429", "Over the caller's rate limit (rate_limited); retry after Retry-After",
            "503", "A dependency (the database or the identity provider) is unavailable; retry after Retry-After");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(OpenApiConventions::alternativesOnly);
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH) {
                idempotent(operation);
            }
            conventions(operation);
            demoIdExample(path, operation);
        }));
    }

    /**
     * A schema of alternatives (RefOrId, or a nullable reference), or a property that refers to one, is what its
     * alternatives are: the scanner also calls it an object, which would refuse the bare id alternative.
     */
    private static void alternativesOnly(Schema schema) {
        if (schema.getOneOf() != null || schema.getAnyOf() != null || schema.getRef() != null) {
            schema.setType(null);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiConventions::alternativesOnly);
        }
        if (schema.getItems() != null) {
            alternativesOnly(schema.getItems());
        }
    }

    /** The {id} of a route gets an example from the README's demo data: an object of alice's, or alice herself. */
    private static void demoIdExample(String path, Operation operation) {
        String resource = path.startsWith(Refs.API_ROOT) ? path.substring(Refs.API_ROOT.length()).split("/")[0] : "";
        String id = DEMO_IDS.get(resource);
        if (id != null && operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(parameter -> parameter.getIn() == Parameter.In.PATH && "id".equals(parameter.getName()))
                    .filter(parameter -> parameter.getExample() == null)
                    .forEach(parameter -> parameter.example(id));
        }
    }

    /** POST and PATCH take an Idempotency-Key (idempotency/IdempotentRequests). */
    private static void idempotent(Operation operation) {
        operation.addParameter(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER)
                .description("Optional: a key of the caller's choosing. A retry with the same key and request, within"
                        + " 24 hours, gets the first answer again (with Idempotent-Replayed: true) and changes nothing")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).minLength(1).maxLength(255)));
        operation.getResponses().addAPIResponse("409", errorResponse("The first request with this Idempotency-Key"
                + " is still running (idempotency_key_in_progress); retry after Retry-After"));
        operation.getResponses().addAPIResponse("422", errorResponse("This Idempotency-Key was used for another"
                + " request (idempotency_key_reused)"));
    }

    private static APIResponse errorResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(ref("ApiError"))));
    }

    private static void conventions(Operation operation) {
        Map<String, String> errors = new LinkedHashMap<>(ERRORS);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        if (body || !parameters.isEmpty()) {
            errors.put("400", "Malformed input: a parameter, header or body the route does not take as sent;"
                    + " 'errors' names each field");
        }
        if (parameters.stream().anyMatch(parameter -> parameter.getIn() == Parameter.In.PATH)) {
            errors.put("404", "No such object, or not one the caller may read");
        } else if (parameters.stream().map(Parameter::getName).anyMatch("page"::equals)) {
            errors.put("404", "A page past the last page");
        }
        if (body) {
            errors.put("413", "Body larger than the route accepts");
            errors.put("415", "A body that is not JSON");
        }
        errors.forEach((status, description) -> {
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
        for (String status : List.of("429", "503")) {
            operation.getResponses().getAPIResponse(status).addHeader("Retry-After",
                    header("Seconds to wait before retrying", "integer").required(true));
        }
        boolean list = parameters.stream().map(Parameter::getName).anyMatch("per_page"::equals);
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            response.addHeader("X-Request-Id", header("The request's id: the caller's X-Request-Id, or a new one;"
                    + " every log line of the request carries it", "string").required(true));
            response.addHeader("RateLimit-Policy", header("The caller's allowance for this kind of request"
                    + " (reads or writes): \"reads\";q=1200;w=60", "string"));
            response.addHeader("RateLimit", header("What is left of it, and in how many seconds it is whole again:"
                    + " \"reads\";r=1199;t=1", "string"));
            if (status.equals("201")) {
                response.addHeader("Location", header("The new object's address", "string").required(true));
            }
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
                response.addHeader("ETag", header("The object's version; send it back in If-Match", "string")
                        .required(true));
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
