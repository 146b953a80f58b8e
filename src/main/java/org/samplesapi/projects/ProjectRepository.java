package org.samplesapi.projects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.ProjectPermission;
import org.samplesapi.users.UserView;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.query.ListPage;
import org.samplesapi.web.query.ListSearch;
import org.samplesapi.web.query.ListSource;
import org.samplesapi.web.query.QueryCompiler;
import org.samplesapi.web.query.QueryField;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Projects as the caller sees them. Visible: public projects, one's own and those one is a member of. A readable
 * sample in a private project shows the project's reference, not its details.
 */
@ApplicationScoped
public class ProjectRepository {

    private static final String COLUMNS = "p.id, p.description, p.name, p.owner_id, p.project_name, p.public";

    /** The hyper-schema's filterable and sortable project fields; listed by name. */
    static final ListSource SOURCE = new ListSource(COLUMNS, 7, "projects p", "p.id", fields(), "{\"name\": false}");

    private static Map<String, QueryField> fields() {
        Map<String, QueryField> fields = new LinkedHashMap<>();
        fields.put("$uri", QueryField.ref("$uri", "p.id", "projects", false));
        fields.put("description", QueryField.text("description", "p.description", true));
        fields.put("name", QueryField.text("name", "p.name", false));
        fields.put("owner", QueryField.ref("owner", "p.owner_id", "users", false));
        fields.put("project_name", QueryField.text("project_name", "p.project_name", true));
        fields.put("public", QueryField.bool("public", "p.public", false));
        return Map.copyOf(fields);
    }

    /** The caller's permissions on {@code p}, as a comma-separated column. */
    static String permissionsColumn(Caller caller, QueryCompiler binder) {
        return "(SELECT array_to_string(pm.permissions, ',') FROM project_members pm WHERE pm.project_id = p.id"
                + " AND pm.user_id = " + binder.bind(caller.userId()) + ")";
    }

    /** Projects the caller owns or is a member of. */
    static String mine(Caller caller, QueryCompiler binder) {
        String me = binder.bind(caller.userId());
        return "(p.owner_id = " + me + " OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id"
                + " AND pm.user_id = " + me + "))";
    }

    /** A private project's details are its members' business, whatever samples are in it. */
    static String visible(Caller caller, QueryCompiler binder) {
        return "(p.public OR " + mine(caller, binder) + ")";
    }

    @WithSession
    public Uni<ProjectView> visibleTo(Caller caller, String projectId) {
        QueryCompiler binder = new QueryCompiler(Map.of());
        String sql = "SELECT " + COLUMNS + ", " + permissionsColumn(caller, binder) + " FROM projects p WHERE p.id = "
                + binder.bind(projectId) + " AND " + visible(caller, binder);
        return NativeQueries.one(sql, binder.params())
                .map(row -> row == null ? null : view(caller, new Columns(row)));
    }

    @WithSession
    public Uni<ListPage<ProjectView>> list(Caller caller, ListSearch search) {
        return NativeQueries.search(search, columns -> view(caller, columns));
    }

    /** The caller's permissions on a project they can see, or {@code null} when they cannot see it. */
    public Uni<Set<ProjectPermission>> permissionsOf(Caller caller, String projectId) {
        return visibleTo(caller, projectId).map(project -> {
            if (project == null) {
                return null;
            }
            Set<ProjectPermission> permissions = EnumSet.noneOf(ProjectPermission.class);
            project.permissions().forEach(name -> ProjectPermission.fromWire(name).ifPresent(permissions::add));
            return permissions;
        });
    }

    /** Whether the caller owns or has joined the project. */
    public Uni<Boolean> isMember(Caller caller, String projectId) {
        QueryCompiler binder = new QueryCompiler(Map.of());
        String sql = "SELECT p.id, 1 FROM projects p WHERE p.id = " + binder.bind(projectId) + " AND "
                + mine(caller, binder);
        return NativeQueries.one(sql, binder.params()).map(row -> row != null);
    }

    @WithSession
    public Uni<List<UserView>> members(String projectId) {
        QueryCompiler binder = new QueryCompiler(Map.of());
        String id = binder.bind(projectId);
        String sql = "SELECT u.id, u.email, u.username FROM users u WHERE u.id IN (SELECT owner_id FROM projects"
                + " WHERE id = " + id + " UNION SELECT user_id FROM project_members WHERE project_id = " + id + ")"
                + " ORDER BY u.id";
        return NativeQueries.all(sql, binder.params())
                .map(rows -> rows.stream().map(row -> {
                    Columns c = new Columns(row);
                    return UserView.of(c.string(), c.string(), c.string());
                }).toList());
    }

    public Uni<Integer> execute(String sql, Map<String, Object> params) {
        return NativeQueries.execute(sql, params);
    }

    /** Whether {@code userId} is a user of the caller's organization (the caller has one). */
    public Uni<Boolean> isColleague(Caller caller, String userId) {
        if (caller.organizationId() == null) {
            return Uni.createFrom().item(false);
        }
        QueryCompiler binder = new QueryCompiler(Map.of());
        return NativeQueries.one("SELECT id, 1 FROM users WHERE id = " + binder.bind(userId)
                        + " AND organization_id = " + binder.bind(caller.organizationId()), binder.params())
                .map(row -> row != null);
    }

    private static ProjectView view(Caller caller, Columns c) {
        String id = c.string();
        String description = c.string();
        String name = c.string();
        String ownerId = c.string();
        String projectName = c.string();
        boolean isPublic = c.bool();
        String granted = c.string();
        List<String> permissions = ownerId.equals(caller.userId())
                ? Arrays.stream(ProjectPermission.values()).map(ProjectPermission::wireName).toList()
                : granted == null || granted.isEmpty() ? List.of() : new ArrayList<>(List.of(granted.split(",")));
        return new ProjectView(Refs.uri("projects", id), description, name, Ref.to("users", ownerId), permissions,
                projectName, isPublic);
    }
}
