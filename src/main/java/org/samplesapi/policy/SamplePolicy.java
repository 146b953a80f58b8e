package org.samplesapi.policy;

import static org.samplesapi.policy.Decision.ALLOW;

/**
 * The sharing rules for samples: who may read one, who may change it, and which changes are allowed. Pure functions
 * over a loaded context: no IO, so every rule can be proven by a truth table.
 */
public final class SamplePolicy {

    private SamplePolicy() {
    }

    /**
     * Read access: {@code private} for the owner and admins of the owner's organization; {@code shared} also for
     * members of the sample's project and of the owner's organization; {@code public} for everyone. Deleted samples
     * are gone for all.
     */
    public static boolean canRead(Caller caller, SampleFacts sample) {
        if (sample.status() == SampleStatus.DELETED) {
            return false;
        }
        if (canModify(caller, sample)) {
            return true;
        }
        return switch (sample.visibility()) {
            case PUBLIC -> true;
            case SHARED -> sample.callerInProject() || caller.isMemberOf(sample.ownerOrganizationId());
            case PRIVATE -> false;
        };
    }

    /** Modify access: the owner, or an admin of the owner's organization. */
    public static boolean canModify(Caller caller, SampleFacts sample) {
        return caller.userId().equals(sample.ownerId()) || caller.isAdminOf(sample.ownerOrganizationId());
    }

    /** A plain read: hidden samples are reported exactly as missing ones. */
    public static Decision decideRead(Caller caller, SampleFacts sample) {
        return canRead(caller, sample) ? ALLOW : sampleNotFound();
    }

    /**
     * Changing or deleting a sample: hidden samples are not found, readable ones that are not the caller's (or their
     * organization's, for an admin) are refused.
     */
    public static Decision decideModify(Caller caller, SampleFacts sample) {
        if (!canRead(caller, sample)) {
            return sampleNotFound();
        }
        return canModify(caller, sample) ? ALLOW : notOwner();
    }

    /** The audit trail of a sample is for those who may modify it; readers learn only that it is not theirs. */
    public static Decision decideAuditRead(Caller caller, SampleFacts sample) {
        return decideModify(caller, sample);
    }

    /**
     * May the caller apply this change? Checks run in the order a client would fix them: existence, ownership,
     * then visibility policy, project permission and tags. The first failing check is reported.
     */
    public static Decision decidePatch(PatchContext context, SampleChange change) {
        Decision decision = decideModify(context.caller(), context.sample());
        if (decision.allowed()) {
            decision = decideVisibility(context, change);
        }
        if (decision.allowed()) {
            decision = decideProject(context, change);
        }
        if (decision.allowed()) {
            decision = decideTags(context, change);
        }
        return decision;
    }

    /**
     * Making a sample more private is always allowed. Making it more permissive must stay within both the owner's
     * account policy and the owner's organization policy; the more restrictive one is reported (the organization's
     * on a tie, as it is the broader rule).
     */
    static Decision decideVisibility(PatchContext context, SampleChange change) {
        Visibility requested = change.visibility();
        if (requested == null || !requested.isMorePermissiveThan(context.sample().visibility())) {
            return ALLOW;
        }
        SharingPolicy org = context.orgPolicy();
        SharingPolicy account = context.accountPolicy();
        boolean orgBinds = !org.cap().isMorePermissiveThan(account.cap());
        SharingPolicy binding = orgBinds ? org : account;
        if (binding.allows(requested)) {
            return ALLOW;
        }
        return orgBinds
                ? new Decision.Deny(DenialReason.ORG_POLICY_VIOLATION, "Organization policy violation: organization '"
                        + org.holder() + "' " + org.describe() + "; '" + requested.wireName() + "' is not allowed.")
                : new Decision.Deny(DenialReason.ACCOUNT_POLICY_VIOLATION, "Account policy violation: account '"
                        + account.holder() + "' " + account.describe() + "; '" + requested.wireName()
                        + "' is not allowed.");
    }

    /** Taking a sample out of its project is free; putting it into another needs {@code can_add_files} there. */
    static Decision decideProject(PatchContext context, SampleChange change) {
        if (!change.setsProject() || change.projectId() == null
                || change.projectId().equals(context.sample().projectId())) {
            return ALLOW;
        }
        ProjectAccess target = context.targetProject();
        if (target == null || !target.visible()) {
            return new Decision.Deny(DenialReason.PROJECT_NOT_FOUND,
                    "Project '" + change.projectId() + "' not found.", ItemRef.project(change.projectId()));
        }
        if (!target.holds(ProjectPermission.CAN_ADD_FILES)) {
            return new Decision.Deny(DenialReason.PROJECT_PERMISSION_DENIED, "You need the '"
                    + ProjectPermission.CAN_ADD_FILES.wireName() + "' permission on project '" + change.projectId()
                    + "' to add samples to it.");
        }
        return ALLOW;
    }

    /** Every tag must exist and be one the caller may use; the first one that is not is reported. */
    static Decision decideTags(PatchContext context, SampleChange change) {
        if (change.tagIds() == null) {
            return ALLOW;
        }
        for (String tagId : change.tagIds()) {
            if (!context.usableTagIds().contains(tagId)) {
                return new Decision.Deny(DenialReason.TAG_NOT_FOUND, "Tag '" + tagId + "' not found.",
                        ItemRef.tag(tagId));
            }
        }
        return ALLOW;
    }

    /** The one answer for a sample that is missing, deleted or unreadable, so none can be told from another. */
    public static Decision.Deny sampleNotFound() {
        return new Decision.Deny(DenialReason.SAMPLE_NOT_FOUND, "Sample not found.");
    }

    private static Decision notOwner() {
        return new Decision.Deny(DenialReason.NOT_SAMPLE_OWNER,
                "Only the sample's owner or an admin of the owner's organization may modify this sample.");
    }
}
