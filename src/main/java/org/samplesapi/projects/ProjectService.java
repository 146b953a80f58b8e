package org.samplesapi.projects;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.Decision;
import org.samplesapi.policy.DenialReason;
import org.samplesapi.policy.ProjectPermission;
import org.samplesapi.policy.ProjectPolicy;
import org.samplesapi.samples.SampleScope;
import org.samplesapi.users.UserView;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.Timestamps;
import org.samplesapi.web.query.QueryCompiler;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Creating, changing and deleting projects and their membership, each in one transaction. */
@ApplicationScoped
public class ProjectService {

    private final ProjectRepository projects;

    public ProjectService(ProjectRepository projects) {
        this.projects = projects;
    }

    @WithTransaction
    public Uni<ProjectView> create(Caller caller, Map<String, Object> fields) {
        String id = Ids.newId();
        QueryCompiler binder = new QueryCompiler(Map.of());
        String sql = "INSERT INTO projects (id, owner_id, name, description, project_name) VALUES (" + binder.bind(id)
                + ", " + binder.bind(caller.userId()) + ", " + binder.bind(fields.get("name")) + ", "
                + bindText(binder, fields.get("description")) + ", " + bindText(binder, fields.get("project_name"))
                + ") ON CONFLICT (owner_id, project_name) DO NOTHING";
        return projects.execute(sql, binder.params())
                .invoke(rows -> requireUniqueName(rows, fields))
                .chain(() -> projects.visibleTo(caller, id));
    }

    @WithTransaction
    public Uni<ProjectView> update(Caller caller, String projectId, Map<String, Object> fields) {
        return administer(caller, projectId).chain(() -> {
            if (fields.isEmpty()) {
                return projects.visibleTo(caller, projectId);
            }
            QueryCompiler binder = new QueryCompiler(Map.of());
            String id = binder.bind(projectId);
            List<String> sets = new ArrayList<>();
            fields.forEach((column, value) -> sets.add(column + " = " + bindText(binder, value)));
            sets.add("updated_at = " + binder.bind(Timestamps.now().atOffset(ZoneOffset.UTC)));
            String unique = fields.get("project_name") == null ? "" : " AND NOT EXISTS (SELECT 1 FROM projects o"
                    + " WHERE o.owner_id = projects.owner_id AND o.project_name = "
                    + binder.bind(fields.get("project_name")) + " AND o.id <> " + id + ")";
            return projects.execute("UPDATE projects SET " + String.join(", ", sets) + " WHERE id = " + id + unique,
                            binder.params())
                    .invoke(rows -> requireUniqueName(rows, fields))
                    .chain(() -> projects.visibleTo(caller, projectId));
        });
    }

    /** Makes a project public or private again (who may see it; its samples keep their own visibility). */
    @WithTransaction
    public Uni<ProjectView> changeSharing(Caller caller, String projectId, boolean isPublic) {
        return administer(caller, projectId).chain(() -> {
            QueryCompiler binder = new QueryCompiler(Map.of());
            return projects.execute("UPDATE projects SET public = " + binder.bind(isPublic) + ", updated_at = "
                    + binder.bind(Timestamps.now().atOffset(ZoneOffset.UTC)) + " WHERE id = " + binder.bind(projectId),
                    binder.params());
        }).chain(() -> projects.visibleTo(caller, projectId));
    }

    /**
     * Deletes a project. The samples in it that the caller may modify leave it (their version moves on and each
     * leaving is audited, as if PATCHed to {@code project: null}); deleted samples leave it too. While samples of
     * others remain, nothing changes and the answer is 409: a project admin does not get to change other owners'
     * samples, across organizations, by deleting the project around them.
     */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String projectId) {
        return administer(caller, projectId).chain(() -> {
            QueryCompiler binder = new QueryCompiler(Map.of());
            String id = binder.bind(projectId);
            String actor = binder.bind(caller.userId());
            String now = binder.bind(Timestamps.now().atOffset(ZoneOffset.UTC));
            String detach = "WITH left_project AS (UPDATE samples s SET project_id = NULL, version = s.version + 1,"
                    + " updated_at = " + now + " FROM users ow WHERE ow.id = s.owner_id AND s.project_id = " + id
                    + " AND (" + SampleScope.MODIFIABLE.filter(caller, binder) + " OR s.status = 'deleted')"
                    + " RETURNING s.id)"
                    + " INSERT INTO audit_events (id, sample_id, actor_id, field, old_value, new_value, created_at)"
                    + " SELECT substr(md5(random()::text || l.id), 1, 16), l.id, " + actor + ", 'project', " + id
                    + ", NULL, " + now + " FROM left_project l";
            return projects.execute(detach, binder.params());
        }).chain(() -> {
            QueryCompiler binder = new QueryCompiler(Map.of());
            String id = binder.bind(projectId);
            // A later statement of the same transaction: it sees the samples just detached as gone.
            return projects.execute("DELETE FROM projects WHERE id = " + id
                    + " AND NOT EXISTS (SELECT 1 FROM samples WHERE project_id = " + id + ")", binder.params());
        }).invoke(deleted -> {
            if (deleted == 0) {
                throw ApiException.denied(new Decision.Deny(DenialReason.PROJECT_NOT_EMPTY,
                        "The project still holds samples that you may not modify; their owners must take them out"
                                + " of it first."));
            }
        }).replaceWithVoid();
    }

    /**
     * Adds a member, or changes a member's permissions. Only people of the caller's own organization can be added:
     * the identity provider vouches for them, and nobody is enrolled by a stranger. Anyone else is answered exactly
     * as an unknown id.
     */
    @WithTransaction
    public Uni<List<UserView>> addUser(Caller caller, String projectId, String userId, Set<ProjectPermission> grant) {
        return administer(caller, projectId)
                .chain(() -> projects.isColleague(caller, userId))
                .chain(colleague -> {
                    if (!colleague) {
                        throw ApiException.notFound("User");
                    }
                    QueryCompiler binder = new QueryCompiler(Map.of());
                    String permissions = "{" + String.join(",",
                            grant.stream().map(ProjectPermission::wireName).sorted().toList()) + "}";
                    String sql = "INSERT INTO project_members (project_id, user_id, permissions) VALUES ("
                            + binder.bind(projectId) + ", " + binder.bind(userId) + ", CAST(CAST("
                            + binder.bind(permissions) + " AS text) AS text[]))"
                            + " ON CONFLICT (project_id, user_id) DO UPDATE SET permissions = EXCLUDED.permissions";
                    return projects.execute(sql, binder.params());
                })
                .chain(() -> projects.members(projectId))
                .map(ProjectService::withoutEmails);
    }

    @WithTransaction
    public Uni<List<UserView>> removeUser(Caller caller, String projectId, String userId) {
        return administer(caller, projectId)
                .chain(() -> {
                    QueryCompiler binder = new QueryCompiler(Map.of());
                    return projects.execute("DELETE FROM project_members WHERE project_id = " + binder.bind(projectId)
                            + " AND user_id = " + binder.bind(userId), binder.params());
                })
                .chain(() -> projects.members(projectId))
                .map(ProjectService::withoutEmails);
    }

    /** Membership changes answer who is in the project, not how to reach them. */
    private static List<UserView> withoutEmails(List<UserView> members) {
        return members.stream().map(member -> new UserView(member.uri(), null, member.username())).toList();
    }

    /**
     * The member list (with e-mail addresses) is for the project's owner and members; others who can see the
     * project through its public flag learn nothing of its people.
     */
    @WithSession
    public Uni<List<UserView>> members(Caller caller, String projectId) {
        return projects.visibleTo(caller, projectId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Project"))
                .chain(project -> projects.isMember(caller, projectId))
                .chain(member -> {
                    if (!member) {
                        throw ApiException.denied(new Decision.Deny(
                                DenialReason.PROJECT_PERMISSION_DENIED,
                                "Only the project's owner and members see its members."));
                    }
                    return projects.members(projectId);
                });
    }

    private Uni<Void> administer(Caller caller, String projectId) {
        return projects.permissionsOf(caller, projectId)
                .invoke(permissions -> ApiException.require(ProjectPolicy.decideAdminister(permissions != null,
                        permissions == null ? Set.of() : permissions)))
                .replaceWithVoid();
    }

    private static String bindText(QueryCompiler binder, Object value) {
        return "CAST(" + binder.bind(value) + " AS text)";
    }

    /** No row written: the name was taken, or (without a new name) the project went away meanwhile. */
    private static void requireUniqueName(int rows, Map<String, Object> fields) {
        if (rows == 0 && fields.get("project_name") == null) {
            throw ApiException.notFound("Project");
        }
        if (rows == 0) {
            throw new ApiException(new ApiError(409, "You have a project named '" + fields.get("project_name")
                    + "' already.", "conflict", List.of(FieldError.at("project_name", "already taken")), null));
        }
    }
}
