package org.samplesapi.policy;

import java.util.EnumSet;
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

    /**
     * The standing loaded for a requested project: the owner holds every permission, a member the granted ones
     * (comma-separated wire names; unknown ones are ignored); a public project is visible without permissions;
     * anything else is invisible, whatever samples are in it. {@code null} when no project was requested.
     */
    public static ProjectAccess resolve(String requestedId, String foundId, boolean owned, boolean isPublic,
                                        String memberPermissions, boolean member) {
        if (requestedId == null) {
            return null;
        }
        if (foundId == null || !(owned || member || isPublic)) {
            return invisible(requestedId);
        }
        if (owned) {
            return new ProjectAccess(requestedId, true, ProjectPermission.all());
        }
        Set<ProjectPermission> granted = EnumSet.noneOf(ProjectPermission.class);
        if (member && memberPermissions != null && !memberPermissions.isEmpty()) {
            for (String name : memberPermissions.split(",")) {
                ProjectPermission.fromWire(name).ifPresent(granted::add);
            }
        }
        return new ProjectAccess(requestedId, true, granted);
    }

    public static ProjectAccess invisible(String projectId) {
        return new ProjectAccess(projectId, false, Set.of());
    }

    public boolean holds(ProjectPermission permission) {
        return visible && permissions.contains(permission);
    }
}
