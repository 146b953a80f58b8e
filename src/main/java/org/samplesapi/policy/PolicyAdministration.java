package org.samplesapi.policy;

import static org.samplesapi.policy.Decision.ALLOW;

import java.util.List;

/**
 * Who may read and change sharing policies. An organization's policy: its members read it, its admins may tighten
 * it, and only platform administrators may loosen it. An account's policy: its user may tighten it, only platform
 * administrators may loosen it or touch another user's. Pure functions, proven by a truth table.
 */
public final class PolicyAdministration {

    private PolicyAdministration() {
    }

    /** An organization is visible to its members and to platform administrators; to anyone else it does not exist. */
    public static Decision decideOrganizationRead(Caller caller, String organizationId) {
        return caller.platformAdmin() || caller.isMemberOf(organizationId) ? ALLOW : organizationNotFound();
    }

    /**
     * Administering an organization's policy (changing it, reading its history) is for its admins and platform
     * administrators; a member is told so, anyone else does not see the organization.
     */
    public static Decision decideOrganizationAdministration(Caller caller, String organizationId, String name) {
        Decision read = decideOrganizationRead(caller, organizationId);
        if (!read.allowed() || caller.platformAdmin() || caller.isAdminOf(organizationId)) {
            return read;
        }
        return notOrganizationAdmin(name);
    }

    public static Decision decideOrganizationChange(Caller caller, String organizationId, SharingPolicy current,
                                                    PolicyChange change) {
        Decision read = decideOrganizationRead(caller, organizationId);
        if (!read.allowed() || caller.platformAdmin()) {
            return read;
        }
        if (!caller.isAdminOf(organizationId)) {
            return notOrganizationAdmin(current.holder());
        }
        return loosening("organization '" + current.holder() + "'", "an organization admin", current, change);
    }

    /**
     * Reaching an account's policy at all (to change it or read its history): one's own, or any for a platform
     * administrator. {@code visible}: whether the caller may see that user at all, so a hidden one is not found.
     */
    public static Decision decideAccountAccess(Caller caller, String accountId, boolean visible) {
        if (caller.platformAdmin() || caller.userId().equals(accountId)) {
            return ALLOW;
        }
        return visible
                ? new Decision.Deny(DenialReason.NOT_PLATFORM_ADMIN,
                        "Only a platform administrator may change or audit another user's sharing policy.")
                : new Decision.Deny(DenialReason.USER_NOT_FOUND, "User not found.");
    }

    /** A change of an account the caller may reach ({@link #decideAccountAccess}): tightening, unless a platform admin. */
    public static Decision decideAccountChange(Caller caller, SharingPolicy current, PolicyChange change) {
        return caller.platformAdmin() ? ALLOW : loosening("your account", "you", current, change);
    }

    /**
     * Moving a user to another organization puts their samples under another organization's policy and its admins:
     * platform administrators only, for any user they may reach ({@link #decideAccountAccess}), their own included.
     */
    public static Decision decideOrganizationMove(Caller caller) {
        return caller.platformAdmin() ? ALLOW : new Decision.Deny(DenialReason.NOT_PLATFORM_ADMIN,
                "Only a platform administrator may move a user to another organization.");
    }

    private static Decision loosening(String whose, String who, SharingPolicy current, PolicyChange change) {
        List<String> loosened = change.loosenings(current);
        if (loosened.isEmpty()) {
            return ALLOW;
        }
        return new Decision.Deny(DenialReason.POLICY_LOOSENING_NOT_ALLOWED, "Loosening the sharing policy of " + whose
                + " (" + String.join(", ", loosened) + ") needs a platform administrator; " + who
                + " may only tighten it.");
    }

    private static Decision notOrganizationAdmin(String name) {
        return new Decision.Deny(DenialReason.NOT_ORGANIZATION_ADMIN,
                "Only an admin of organization '" + name + "' may change or audit its sharing policy.");
    }

    private static Decision organizationNotFound() {
        return new Decision.Deny(DenialReason.ORGANIZATION_NOT_FOUND, "Organization not found.");
    }
}
