package org.samplesapi.policy;

import java.util.Set;

/** Who may change a project and its membership. Pure, like {@link SamplePolicy}. */
public final class ProjectPolicy {

    private ProjectPolicy() {
    }

    /**
     * Renaming, sharing, deleting a project and managing its members need {@code can_administer} (its owner holds
     * every permission). A project the caller cannot see does not exist for them.
     *
     * @param visible     whether the caller may see the project at all
     * @param permissions the caller's permissions on it (all of them for its owner)
     */
    public static Decision decideAdminister(boolean visible, Set<ProjectPermission> permissions) {
        if (!visible) {
            return new Decision.Deny(DenialReason.PROJECT_NOT_FOUND, "Project not found.");
        }
        if (!permissions.contains(ProjectPermission.CAN_ADMINISTER)) {
            return new Decision.Deny(DenialReason.PROJECT_PERMISSION_DENIED, "You need the '"
                    + ProjectPermission.CAN_ADMINISTER.wireName() + "' permission on this project.");
        }
        return Decision.ALLOW;
    }
}
