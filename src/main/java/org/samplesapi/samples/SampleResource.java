package org.samplesapi.samples;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.samplesapi.audit.AuditEventView;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SamplePolicy;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.ETags;

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

    public SampleResource(CallerResolver callers, SampleService service, SamplePatchParser parser) {
        this.callers = callers;
        this.service = service;
        this.parser = parser;
    }

    /** {@code expand} is accepted for the public client's {@code expand=all}; references stay {@code $ref}s. */
    @GET
    @Path("{id}")
    public Uni<RestResponse<SampleView>> get(@RestPath String id, @RestQuery String expand) {
        String sampleId = existingId(id);
        return callers.current()
                .chain(caller -> service.get(caller, sampleId))
                .map(SampleResource::withETag);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    public Uni<RestResponse<SampleView>> patch(@RestPath String id, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
                                               byte[] body) {
        String sampleId = existingId(id);
        SampleChange change = parser.parse(body);
        return callers.current()
                .chain(caller -> service.patch(caller, sampleId, change, ifMatch))
                .map(SampleResource::withETag);
    }

    @GET
    @Path("{id}/events")
    public Uni<List<AuditEventView>> events(@RestPath String id) {
        String sampleId = existingId(id);
        return callers.current()
                .chain(caller -> service.auditTrail(caller, sampleId))
                .map(events -> events.stream().map(AuditEventView::of).toList());
    }

    /** An id that cannot exist is answered like any other missing sample, without asking the database. */
    private static String existingId(String id) {
        if (!Ids.isWellFormed(id)) {
            throw ApiException.denied(SamplePolicy.sampleNotFound());
        }
        return id;
    }

    private static RestResponse<SampleView> withETag(SampleRow row) {
        return RestResponse.ResponseBuilder.ok(SampleView.of(row))
                .header(HttpHeaders.ETAG, ETags.of(row.version()))
                .build();
    }
}
