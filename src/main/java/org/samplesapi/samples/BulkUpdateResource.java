package org.samplesapi.samples;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import org.samplesapi.identity.CallerResolver;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.BodyLimits;
import org.samplesapi.web.DenialMetrics;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/v1/samples/bulk_update}: one change of many samples, all or nothing or the allowed ones. */
@Tag(name = "Samples")
@Path(BodyLimits.BULK_PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class BulkUpdateResource {

    private final CallerResolver callers;
    private final SampleService service;
    private final BulkUpdateParser parser;
    private final DenialMetrics denials;

    public BulkUpdateResource(CallerResolver callers, SampleService service, BulkUpdateParser parser,
                              DenialMetrics denials) {
        this.callers = callers;
        this.service = service;
        this.parser = parser;
        this.denials = denials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "bulkUpdateSamples", summary = "Change the visibility, project or tags of many samples",
            description = """
            Each sample is decided by the rules of a PATCH of it, in one transaction. all_or_nothing (the default):
            one refusal, or one sample not found, and nothing changes (403, or 404 when nothing refused admits a
            sample exists). apply_allowed: the allowed samples change and the refused ones are listed. Samples the
            caller may not read are only counted in not_found. Every changed sample gets a new version and its
            audit events, which carry the request's X-Request-Id.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BulkUpdateSchema.class)))
    @APIResponse(responseCode = "200", description = "What changed (or, in a dry run, would change)",
            content = @Content(schema = @Schema(implementation = BulkUpdateAnswer.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, neither or both of ids and where, more than"
            + " 10,000 samples, an unknown key or value",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "all_or_nothing, and a readable sample was refused: nothing"
            + " changed", content = @Content(schema = @Schema(implementation = BulkUpdateAnswer.class)))
    @APIResponse(responseCode = "404", description = "all_or_nothing, and samples not found (or a project or tag):"
            + " nothing changed", content = @Content(schema = @Schema(implementation = BulkUpdateAnswer.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 1 MiB",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<BulkUpdateAnswer>> bulkUpdate(
            @Parameter(description = "true: check and answer exactly as the change would be answered, and change"
                    + " nothing") @RestQuery("dry_run") String dryRun,
            @Parameter(hidden = true) byte[] body) {
        boolean dry = SampleResource.dryRun(dryRun);
        BulkUpdate request = parser.parse(body);
        return callers.current()
                .chain(caller -> service.bulkUpdate(caller, request, dry))
                .map(result -> {
                    // Each refused sample counts as the PATCH of it would have.
                    result.outcome().refused().forEach(refusal -> denials.refused(refusal.deny().reason()));
                    denials.notFound(result.outcome().hidden());
                    BulkUpdateAnswer answer = BulkUpdateAnswer.of(result, request.mode());
                    return RestResponse.status(RestResponse.Status.fromStatusCode(answer.status()), answer);
                });
    }
}
