package org.samplesapi.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.samplesapi.policy.Caller;

/**
 * Which samples a list route covers, as SQL over {@code samples s}. Every scope is a subset
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
     * The scope as a SQL condition over {@code samples s}, its values bound through {@code bind}.
     */
    public String filter(Caller caller, Function<Object, String> bind) {
        return filter(caller, bind, "s");
    }

    /** The same over another alias for the sample, for use inside a larger statement. */
    public String filter(Caller caller, Function<Object, String> bind, String sample) {
        List<String> ways = waysIn(caller, bind, sample);
        return "((" + String.join(") OR (", ways) + "))";
    }

    /**
     * The scope as the conditions whose disjunction it is, one per way a caller comes to a sample: as its owner (or
     * organization admin), through their organization, through a project, because it is public. Each is a condition
     * on one indexed column of the sample, with the caller's organization members and projects computed once per
     * statement, so that a list can take its first rows of each way from an index (ListSearch.Scope#waysIn) instead
     * of walking the whole table in list order for a caller who reads a small part of it.
     */
    public List<String> waysIn(Caller caller, Function<Object, String> bind, String sample) {
        String notDeleted = sample + ".status <> 'deleted' AND ";
        String notPrivate = sample + ".visibility <> 'private' AND ";
        return switch (this) {
            case PUBLIC -> List.of(notDeleted + sample + ".visibility = 'public'");
            case ACCESSIBLE -> withOrganization(caller, List.of(
                    notDeleted + ownedOrAdministered(caller, bind, sample),
                    notDeleted + notPrivate + inProject(caller, bind, sample)),
                    () -> notDeleted + notPrivate + sameOrganization(caller, bind, sample));
            case READABLE -> withOrganization(caller, List.of(
                    notDeleted + sample + ".visibility = 'public'",
                    notDeleted + ownedOrAdministered(caller, bind, sample),
                    notDeleted + sample + ".visibility = 'shared' AND " + inProject(caller, bind, sample)),
                    () -> notDeleted + sample + ".visibility = 'shared' AND " + sameOrganization(caller, bind, sample));
            case MODIFIABLE -> List.of(ownedOrAdministered(caller, bind, sample));
            // The organization's shared samples, and its members' own ones the caller may see anyway.
            case ORGANIZATION -> caller.organizationId() == null ? List.of("FALSE") : List.of(
                    notDeleted + notPrivate + sameOrganization(caller, bind, sample),
                    notDeleted + sameOrganization(caller, bind, sample) + " AND "
                            + ownedOrAdministered(caller, bind, sample));
        };
    }

    /** The ways in, and the organization's when the caller has one. */
    private static List<String> withOrganization(Caller caller, List<String> ways, Supplier<String> organization) {
        if (caller.organizationId() == null) {
            return ways;
        }
        List<String> all = new ArrayList<>(ways);
        all.add(organization.get());
        return List.copyOf(all);
    }

    private static String ownedOrAdministered(Caller caller, Function<Object, String> bind, String sample) {
        String owned = sample + ".owner_id = " + bind.apply(caller.userId());
        return caller.orgAdmin() && caller.organizationId() != null
                ? "(" + owned + " OR " + sameOrganization(caller, bind, sample) + ")"
                : owned;
    }

    /** The sample's owner is a member of the caller's organization. */
    private static String sameOrganization(Caller caller, Function<Object, String> bind, String sample) {
        return sample + ".owner_id = ANY (ARRAY(SELECT id FROM users WHERE organization_id = "
                + bind.apply(caller.organizationId()) + "))";
    }

    /** The sample's project is the caller's, or grants them can_see_files. */
    private static String inProject(Caller caller, Function<Object, String> bind, String sample) {
        String me = bind.apply(caller.userId());
        return sample + ".project_id = ANY (ARRAY(SELECT id FROM projects WHERE owner_id = " + me
                + " UNION ALL SELECT project_id FROM project_members WHERE user_id = " + me
                + " AND 'can_see_files' = ANY (permissions)))";
    }
}
