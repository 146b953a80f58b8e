package org.samplesapi.projects;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.ProjectPermission;
import org.samplesapi.samples.SampleScope;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.query.QueryCompiler;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Projects as the caller sees them. Visible: public projects, one's own, those one is a member of, and the project
 * of any sample one may read (so every sample's {@code project} reference resolves).
 */
@ApplicationScoped
public class ProjectRepository {

    @WithSession
    public Uni<ProjectView> visibleTo(Caller caller, String projectId) {
        QueryCompiler binder = new QueryCompiler(Map.of());
        String me = binder.bind(caller.userId());
        String sql = "SELECT p.id, p.description, p.name, p.owner_id, p.project_name, p.public,"
                + " array_to_string(pm.permissions, ','), pm.user_id IS NOT NULL"
                + " FROM projects p LEFT JOIN project_members pm ON pm.project_id = p.id AND pm.user_id = " + me
                + " WHERE p.id = " + binder.bind(projectId)
                + " AND (p.public OR p.owner_id = " + me + " OR pm.user_id IS NOT NULL"
                + " OR EXISTS (SELECT 1 FROM samples s JOIN users ow ON ow.id = s.owner_id WHERE s.project_id = p.id AND "
                + SampleScope.READABLE.filter(caller, binder) + "))";
        return NativeQueries.one(sql, binder.params()).map(row -> {
            if (row == null) {
                return null;
            }
            Columns c = new Columns(row);
            String id = c.string();
            String description = c.string();
            String name = c.string();
            String ownerId = c.string();
            String projectName = c.string();
            boolean isPublic = c.bool();
            String granted = c.string();
            List<String> permissions = ownerId.equals(caller.userId())
                    ? Arrays.stream(ProjectPermission.values()).map(ProjectPermission::wireName).toList()
                    : granted == null || granted.isEmpty() ? List.of() : List.of(granted.split(","));
            return new ProjectView(Refs.uri("projects", id), description, name, Ref.to("users", ownerId), permissions,
                    projectName, isPublic);
        });
    }
}
