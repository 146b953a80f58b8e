package org.samplesapi.policy;

import java.util.Set;

/**
 * The caller's standing on a project named in a request.
 *
 * @param projectId   the project's id as the request named it
 * @param visible     whether the project exists and the caller may see it (owner, member, or a public project)
 * @param permissions what the caller holds on it: all for the owner, the granted set for a member, none otherwise
 */
public record ProjectAccess(String projectId, boolean visible, Set<ProjectPermission> permissions) {

    public ProjectAccess {
        permissions = Set.copyOf(permissions);
    }

    public static ProjectAccess invisible(String projectId) {
        return new ProjectAccess(projectId, false, Set.of());
    }

    public boolean holds(ProjectPermission permission) {
        return visible && permissions.contains(permission);
    }
}
