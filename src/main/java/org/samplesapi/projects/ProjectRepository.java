package org.samplesapi.projects;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.SqlParams;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.ProjectPermission;
import org.samplesapi.users.UserView;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.query.ListSource;
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
    static String permissionsColumn(Caller caller, Function<Object, String> bind) {
        return "(SELECT array_to_string(pm.permissions, ',') FROM project_members pm WHERE pm.project_id = p.id"
                + " AND pm.user_id = " + bind.apply(caller.userId()) + ")";
    }

    /** Projects the caller owns or is a member of. */
    static String mine(Caller caller, Function<Object, String> bind) {
        String me = bind.apply(caller.userId());
        return "(p.owner_id = " + me + " OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id"
                + " AND pm.user_id = " + me + "))";
    }

    /** A private project's details are its members' business, whatever samples are in it. */
    static String visible(Caller caller, Function<Object, String> bind) {
        return "(p.public OR " + mine(caller, bind) + ")";
    }

    @WithSession
    public Uni<ProjectView> visibleTo(Caller caller, String projectId) {
        SqlParams binder = new SqlParams();
        String sql = "SELECT " + COLUMNS + ", " + permissionsColumn(caller, binder::bind) + " FROM projects p WHERE p.id = "
                + binder.bind(projectId) + " AND " + visible(caller, binder::bind);
        return NativeQueries.one(sql, binder.params())
                .map(row -> row == null ? null : view(caller, new Columns(row)));
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
        SqlParams binder = new SqlParams();
        String sql = "SELECT p.id, 1 FROM projects p WHERE p.id = " + binder.bind(projectId) + " AND "
                + mine(caller, binder::bind);
        return NativeQueries.one(sql, binder.params()).map(row -> row != null);
    }

    @WithSession
    public Uni<List<UserView>> members(String projectId) {
        SqlParams binder = new SqlParams();
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

    /** Creates a project; 0 rows when the owner has one of that {@code project_name} already. */
    public Uni<Integer> insert(Caller caller, String id, Map<String, Object> fields) {
        SqlParams binder = new SqlParams();
        String sql = "INSERT INTO projects (id, owner_id, name, description, project_name) VALUES (" + binder.bind(id)
                + ", " + binder.bind(caller.userId()) + ", " + binder.bind(fields.get("name")) + ", "
                + text(binder, fields.get("description")) + ", " + text(binder, fields.get("project_name"))
                + ") ON CONFLICT (owner_id, project_name) DO NOTHING";
        return NativeQueries.execute(sql, binder.params());
    }

    /**
     * Writes the given columns (whitelisted by the parser); 0 rows when the project is gone or its owner has another
     * of the new {@code project_name}.
     */
    public Uni<Integer> update(String projectId, Map<String, Object> fields, Instant now) {
        SqlParams binder = new SqlParams();
        String id = binder.bind(projectId);
        List<String> sets = new ArrayList<>();
        fields.forEach((column, value) -> sets.add(column + " = " + text(binder, value)));
        sets.add("updated_at = " + binder.bind(now.atOffset(ZoneOffset.UTC)));
        String unique = fields.get("project_name") == null ? "" : " AND NOT EXISTS (SELECT 1 FROM projects o"
                + " WHERE o.owner_id = projects.owner_id AND o.project_name = "
                + binder.bind(fields.get("project_name")) + " AND o.id <> " + id + ")";
        return NativeQueries.execute("UPDATE projects SET " + String.join(", ", sets) + " WHERE id = " + id + unique,
                binder.params());
    }

    public Uni<Integer> changeSharing(String projectId, boolean isPublic, Instant now) {
        return NativeQueries.execute("UPDATE projects SET public = :public, updated_at = :now WHERE id = :id",
                Map.of("public", isPublic, "now", now.atOffset(ZoneOffset.UTC), "id", projectId));
    }

    /** Deletes the project unless samples are still in it; the number of projects deleted. */
    public Uni<Integer> deleteIfEmpty(String projectId) {
        return NativeQueries.execute("DELETE FROM projects WHERE id = :id"
                + " AND NOT EXISTS (SELECT 1 FROM samples WHERE project_id = :id)", Map.of("id", projectId));
    }

    /** Adds a member with these permissions, or sets an existing member's. */
    public Uni<Integer> grant(String projectId, String userId, Set<ProjectPermission> permissions) {
        String granted = "{" + String.join(",",
                permissions.stream().map(ProjectPermission::wireName).sorted().toList()) + "}";
        return NativeQueries.execute("""
                INSERT INTO project_members (project_id, user_id, permissions)
                VALUES (:project, :user, CAST(CAST(:permissions AS text) AS text[]))
                ON CONFLICT (project_id, user_id) DO UPDATE SET permissions = EXCLUDED.permissions""",
                Map.of("project", projectId, "user", userId, "permissions", granted));
    }

    public Uni<Integer> removeMember(String projectId, String userId) {
        return NativeQueries.execute("DELETE FROM project_members WHERE project_id = :project AND user_id = :user",
                Map.of("project", projectId, "user", userId));
    }

    /** Text columns are bound as text, so that a null is typed for PostgreSQL. */
    private static String text(SqlParams binder, Object value) {
        return "CAST(" + binder.bind(value) + " AS text)";
    }

    /** Whether {@code userId} is a user of the caller's organization (the caller has one). */
    public Uni<Boolean> isColleague(Caller caller, String userId) {
        if (caller.organizationId() == null) {
            return Uni.createFrom().item(false);
        }
        SqlParams binder = new SqlParams();
        return NativeQueries.one("SELECT id, 1 FROM users WHERE id = " + binder.bind(userId)
                        + " AND organization_id = " + binder.bind(caller.organizationId()), binder.params())
                .map(row -> row != null);
    }

    static ProjectView view(Caller caller, Columns c) {
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
