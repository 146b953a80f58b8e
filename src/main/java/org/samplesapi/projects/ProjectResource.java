package org.samplesapi.projects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.samplesapi.identity.CallerResolver;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/projects/{id}}. */
@Path("/api/v1/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final CallerResolver callers;
    private final ProjectRepository projects;

    public ProjectResource(CallerResolver callers, ProjectRepository projects) {
        this.callers = callers;
        this.projects = projects;
    }

    @GET
    @Path("{id}")
    public Uni<ProjectView> get(@RestPath String id) {
        return callers.lookup("Project", id, projects::visibleTo);
    }
}
