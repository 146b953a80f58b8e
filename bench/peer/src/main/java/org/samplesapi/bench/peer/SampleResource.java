package org.samplesapi.bench.peer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * {@code PATCH /api/v1/samples/{id}} as the Quarkus guides write an update: load the entity, change its fields, let the
 * transaction flush it. Only the owner may change a sample (anyone else gets the 404 of a missing one); there are no
 * sharing policies, project permissions or tag checks.
 */
@Path("/api/v1/samples")
@Authenticated
public class SampleResource {

    private static final Set<String> VISIBILITIES = Set.of("private", "shared", "public");
    private static final String PROJECT_REF = "/api/v1/projects/";

    private final JsonWebToken token;

    public SampleResource(JsonWebToken token) {
        this.token = token;
    }

    /**
     * Applies {@code visibility} (one of the three names) and {@code project} (a {@code {"$ref": ...}} to a project,
     * whose existence only the foreign key checks, or null to clear it); other members, such as {@code tags}, are
     * ignored, so a body of tags alone changes nothing. Each changed field gets an audit event; the flush at commit
     * writes the sample with its next version.
     */
    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Sample> patch(String id, JsonNode body) {
        return Sample.<Sample>findById(id)
                .chain(sample -> User.findBySubject(token.getSubject()).map(caller -> {
                    if (sample == null || caller == null || !caller.id.equals(sample.ownerId)) {
                        throw new NotFoundException();
                    }
                    return apply(sample, caller, body);
                }))
                // Panache's persist of a collection refuses an empty one.
                .chain(changes -> changes.events().isEmpty() ? Uni.createFrom().item(changes.sample())
                        : AuditEvent.persist(changes.events()).replaceWith(changes.sample()));
    }

    /** Two PATCHes of one sample at once: the later flush finds a newer version than it read. */
    @ServerExceptionMapper({StaleStateException.class, OptimisticLockException.class})
    public Response conflict() {
        return Response.status(Response.Status.CONFLICT).build();
    }

    private record Changes(Sample sample, List<AuditEvent> events) {
    }

    private static Changes apply(Sample sample, User caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException();
        }
        Instant now = Instant.now();
        List<AuditEvent> events = new ArrayList<>(2);
        if (body.has("visibility")) {
            String visibility = body.get("visibility").textValue();
            if (visibility == null || !VISIBILITIES.contains(visibility)) {
                throw new BadRequestException();
            }
            if (!visibility.equals(sample.visibility)) {
                events.add(AuditEvent.of(sample, caller, "visibility", sample.visibility, visibility, now));
                sample.visibility = visibility;
            }
        }
        if (body.has("project")) {
            String projectId = projectId(body.get("project"));
            if (!Objects.equals(projectId, sample.projectId)) {
                events.add(AuditEvent.of(sample, caller, "project", sample.projectId, projectId, now));
                sample.projectId = projectId;
            }
        }
        if (!events.isEmpty()) {
            sample.updatedAt = now;
        }
        return new Changes(sample, events);
    }

    private static String projectId(JsonNode project) {
        if (project.isNull()) {
            return null;
        }
        String ref = project.path("$ref").textValue();
        if (ref == null || !ref.startsWith(PROJECT_REF)) {
            throw new BadRequestException();
        }
        return ref.substring(PROJECT_REF.length());
    }
}
