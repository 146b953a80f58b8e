package org.samplesapi.persistence;

import java.util.function.Function;

import org.samplesapi.policy.Caller;

/**
 * Which samples a list route covers, as SQL over {@code samples s JOIN users ow} (the owner). Every scope is a subset
 * of what {@link org.samplesapi.policy.SamplePolicy#canRead} allows: the read rule restated as a filter, so lists
 * never count or return a sample its caller could not GET (SampleListHttpTest checks the two agree).
 */
public enum SampleScope {

    /** {@code /api/v1/samples}: the caller's own samples and those shared with them (not strangers' public ones). */
    ACCESSIBLE,
    /** {@code /api/v1/samples/public}: public samples. */
    PUBLIC,
    /** {@code /api/v1/samples/organization}: readable samples owned by members of the caller's organization. */
    ORGANIZATION,
    /** Every sample the caller may read (the union of the above): what makes a referenced object visible. */
    READABLE,
    /** Samples the caller may modify, deleted ones included: their own, and their organization's for an admin. */
    MODIFIABLE;

    /**
     * The scope as a SQL condition over {@code samples s JOIN users ow ON ow.id = s.owner_id}, its values bound
     * through {@code bind}.
     */
    public String filter(Caller caller, Function<Object, String> bind) {
        return filter(caller, bind, "s", "ow");
    }

    /** The same over other aliases for the sample and its owner, for use inside a larger statement. */
    public String filter(Caller caller, Function<Object, String> bind, String sample, String owner) {
        String notDeleted = sample + ".status <> 'deleted'";
        return switch (this) {
            case PUBLIC -> notDeleted + " AND " + sample + ".visibility = 'public'";
            case ACCESSIBLE -> notDeleted + " AND (" + ownedOrAdministered(caller, bind, sample, owner)
                    + " OR (" + sample + ".visibility <> 'private' AND (" + sameOrganization(caller, bind, owner)
                    + " OR " + inProject(caller, bind, sample) + ")))";
            case READABLE -> notDeleted + " AND (" + sample + ".visibility = 'public' OR "
                    + ownedOrAdministered(caller, bind, sample, owner) + " OR (" + sample + ".visibility = 'shared'"
                    + " AND (" + sameOrganization(caller, bind, owner) + " OR " + inProject(caller, bind, sample)
                    + ")))";
            case MODIFIABLE -> ownedOrAdministered(caller, bind, sample, owner);
            case ORGANIZATION -> caller.organizationId() == null ? "FALSE"
                    : notDeleted + " AND " + sameOrganization(caller, bind, owner) + " AND (" + sample
                    + ".visibility <> 'private' OR " + ownedOrAdministered(caller, bind, sample, owner) + ")";
        };
    }

    private static String ownedOrAdministered(Caller caller, Function<Object, String> bind, String sample,
                                              String owner) {
        String owned = sample + ".owner_id = " + bind.apply(caller.userId());
        return caller.orgAdmin() && caller.organizationId() != null
                ? "(" + owned + " OR " + owner + ".organization_id = " + bind.apply(caller.organizationId()) + ")"
                : owned;
    }

    private static String sameOrganization(Caller caller, Function<Object, String> bind, String owner) {
        return caller.organizationId() == null ? "FALSE"
                : owner + ".organization_id = " + bind.apply(caller.organizationId());
    }

    /** The sample's project is the caller's, or grants them can_see_files. */
    private static String inProject(Caller caller, Function<Object, String> bind, String sample) {
        String me = bind.apply(caller.userId());
        return "EXISTS (SELECT 1 FROM projects p WHERE p.id = " + sample + ".project_id AND (p.owner_id = " + me
                + " OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = " + me
                + " AND 'can_see_files' = ANY (pm.permissions))))";
    }
}
