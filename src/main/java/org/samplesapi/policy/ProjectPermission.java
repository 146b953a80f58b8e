package org.samplesapi.policy;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** One Codex's project permission names, as granted to project members. */
public enum ProjectPermission {
    CAN_SEE_FILES("can_see_files"),
    CAN_ADD_FILES("can_add_files"),
    CAN_EDIT_METADATA("can_edit_metadata"),
    CAN_DOWNLOAD_FILES("can_download_files"),
    CAN_INCUR_CHARGES("can_incur_charges"),
    CAN_ADMINISTER("can_administer");

    private final String wireName;

    ProjectPermission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** A project's owner holds every permission on it. */
    public static Set<ProjectPermission> all() {
        return EnumSet.allOf(ProjectPermission.class);
    }

    public static Optional<ProjectPermission> fromWire(String value) {
        for (ProjectPermission p : values()) {
            if (p.wireName.equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
