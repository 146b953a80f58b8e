package org.samplesapi.projects;

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
import org.samplesapi.samples.SampleService;
import org.samplesapi.users.UserView;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.Timestamps;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Creating, changing and deleting projects and their membership, each in one transaction. */
@ApplicationScoped
public class ProjectService {

    private final ProjectRepository projects;
    private final SampleService samples;

    public ProjectService(ProjectRepository projects, SampleService samples) {
        this.projects = projects;
        this.samples = samples;
    }

    /** Whether the caller may read the project now (its GET would answer it). */
    public Uni<Boolean> isVisible(Caller caller, String projectId) {
        return projects.visibleTo(caller, projectId).map(java.util.Objects::nonNull);
    }

    @WithTransaction
    public Uni<ProjectView> create(Caller caller, Map<String, Object> fields) {
        String id = Ids.newId();
        return projects.insert(caller, id, fields)
                .invoke(rows -> requireUniqueName(rows, fields))
                .chain(() -> projects.visibleTo(caller, id));
    }

    @WithTransaction
    public Uni<ProjectView> update(Caller caller, String projectId, Map<String, Object> fields) {
        return administer(caller, projectId).chain(() -> {
            if (fields.isEmpty()) {
                return projects.visibleTo(caller, projectId);
            }
            return projects.update(projectId, fields, Timestamps.now())
                    .invoke(rows -> requireUniqueName(rows, fields))
                    .chain(() -> projects.visibleTo(caller, projectId));
        });
    }

    /** Makes a project public or private again (who may see it; its samples keep their own visibility). */
    @WithTransaction
    public Uni<ProjectView> changeSharing(Caller caller, String projectId, boolean isPublic) {
        return administer(caller, projectId)
                .chain(() -> projects.changeSharing(projectId, isPublic, Timestamps.now()))
                .chain(() -> projects.visibleTo(caller, projectId));
    }

    /**
     * Deletes a project. The samples in it that the caller may modify leave it (their version moves on and each
     * leaving is audited, as if PATCHed to {@code project: null}); deleted samples leave it too. While samples of
     * others remain, nothing changes and the answer is 409: a project admin does not get to change other owners'
     * samples, across organizations, by deleting the project around them.
     */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String projectId) {
        return administer(caller, projectId)
                .chain(() -> samples.leaveProject(caller, projectId))
                // A later statement of the same transaction: it sees the samples just taken out as gone.
                .chain(() -> projects.deleteIfEmpty(projectId))
                .invoke(deleted -> {
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
                    return projects.grant(projectId, userId, grant);
                })
                .chain(() -> projects.members(projectId))
                .map(ProjectService::withoutEmails);
    }

    @WithTransaction
    public Uni<List<UserView>> removeUser(Caller caller, String projectId, String userId) {
        return administer(caller, projectId)
                .chain(() -> projects.removeMember(projectId, userId))
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
