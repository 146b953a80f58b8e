package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Who may read, tighten and loosen sharing policies, as truth tables: caller × requested change, for an organization
 * and for an account. Each cell is the outcome's code ("allow" or the denial's code). Pure: no Quarkus, no database.
 */
class PolicyAdministrationTest {

    private static final String ORG = "00000000000000aa";
    private static final String OTHER_ORG = "00000000000000bb";
    private static final String ACCOUNT = "0000000000000001";

    private static final String ALLOW = "allow";
    private static final String NOT_FOUND = "not_found";
    private static final String NOT_ADMIN = "not_organization_admin";
    private static final String LOOSENING = "policy_loosening_requires_platform_admin";
    private static final String NOT_PLATFORM = "not_platform_admin";

    /** A requested change, with the policy it is requested of. */
    enum Change {
        DECLARE_PII(new SharingPolicy("Lab", Visibility.SHARED, false), new PolicyChange(true, null)),
        LOWER_MAX(new SharingPolicy("Lab", Visibility.SHARED, false), new PolicyChange(null, Visibility.PRIVATE)),
        SAME_VALUES(new SharingPolicy("Lab", Visibility.SHARED, false), new PolicyChange(false, Visibility.SHARED)),
        NOTHING(new SharingPolicy("Lab", Visibility.SHARED, false), new PolicyChange(null, null)),
        RAISE_MAX(new SharingPolicy("Lab", Visibility.SHARED, false), new PolicyChange(null, Visibility.PUBLIC)),
        DROP_PII(new SharingPolicy("Lab", Visibility.PUBLIC, true), new PolicyChange(false, null)),
        /** Loosens a field even though PII keeps the effective cap at private: it applies once PII is dropped. */
        RAISE_MAX_UNDER_PII(new SharingPolicy("Lab", Visibility.PRIVATE, true), new PolicyChange(null, Visibility.PUBLIC)),
        DECLARE_PII_BUT_RAISE_MAX(new SharingPolicy("Lab", Visibility.SHARED, false),
                new PolicyChange(true, Visibility.PUBLIC));

        final SharingPolicy current;
        final PolicyChange change;

        Change(SharingPolicy current, PolicyChange change) {
            this.current = current;
            this.change = change;
        }
    }

    private static final List<Change> COLUMNS = List.of(Change.values());

    enum OrgCaller {
        ORG_ADMIN(new Caller("0000000000000002", ORG, true, false)),
        MEMBER(new Caller("0000000000000003", ORG, false, false)),
        ADMIN_OF_ANOTHER_ORG(new Caller("0000000000000004", OTHER_ORG, true, false)),
        MEMBER_OF_ANOTHER_ORG(new Caller("0000000000000005", OTHER_ORG, false, false)),
        ADMIN_ROLE_WITHOUT_ORG(new Caller("0000000000000006", null, true, false)),
        PLATFORM_ADMIN(new Caller("0000000000000007", null, false, true)),
        PLATFORM_ADMIN_AND_MEMBER(new Caller("0000000000000008", ORG, false, true));

        final Caller caller;

        OrgCaller(Caller caller) {
            this.caller = caller;
        }
    }

    private static final String[] ALL_ALLOWED = {ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW};

    private static final Map<OrgCaller, String[]> ORGANIZATION_CHANGES = new LinkedHashMap<>();

    static {
        //                                        DECLARE  LOWER  SAME   NOTHING RAISE      DROP_PII   RAISE_UNDER DECLARE_BUT_RAISE
        ORGANIZATION_CHANGES.put(OrgCaller.ORG_ADMIN, new String[]{ALLOW, ALLOW, ALLOW, ALLOW, LOOSENING, LOOSENING, LOOSENING, LOOSENING});
        ORGANIZATION_CHANGES.put(OrgCaller.MEMBER, fill(NOT_ADMIN));
        ORGANIZATION_CHANGES.put(OrgCaller.ADMIN_OF_ANOTHER_ORG, fill(NOT_FOUND));
        ORGANIZATION_CHANGES.put(OrgCaller.MEMBER_OF_ANOTHER_ORG, fill(NOT_FOUND));
        ORGANIZATION_CHANGES.put(OrgCaller.ADMIN_ROLE_WITHOUT_ORG, fill(NOT_FOUND));
        ORGANIZATION_CHANGES.put(OrgCaller.PLATFORM_ADMIN, ALL_ALLOWED);
        ORGANIZATION_CHANGES.put(OrgCaller.PLATFORM_ADMIN_AND_MEMBER, ALL_ALLOWED);
    }

    /** Reading the organization, and administering it (its policy history; the check before a change locks it). */
    private static final Map<OrgCaller, String[]> ORGANIZATION_READS = Map.of(
            OrgCaller.ORG_ADMIN, new String[]{ALLOW, ALLOW},
            OrgCaller.MEMBER, new String[]{ALLOW, NOT_ADMIN},
            OrgCaller.ADMIN_OF_ANOTHER_ORG, new String[]{NOT_FOUND, NOT_FOUND},
            OrgCaller.MEMBER_OF_ANOTHER_ORG, new String[]{NOT_FOUND, NOT_FOUND},
            OrgCaller.ADMIN_ROLE_WITHOUT_ORG, new String[]{NOT_FOUND, NOT_FOUND},
            OrgCaller.PLATFORM_ADMIN, new String[]{ALLOW, ALLOW},
            OrgCaller.PLATFORM_ADMIN_AND_MEMBER, new String[]{ALLOW, ALLOW});

    enum AccountCaller {
        OWNER(new Caller(ACCOUNT, ORG, false, false), true),
        /** The organization-admin role gives no power over one's own account policy. */
        OWNER_WHO_IS_ORG_ADMIN(new Caller(ACCOUNT, ORG, true, false), true),
        /** Nor over a member's: accounts are the user's and the platform's. */
        ADMIN_OF_OWNERS_ORG(new Caller("0000000000000002", ORG, true, false), true),
        COLLEAGUE(new Caller("0000000000000003", ORG, false, false), true),
        STRANGER_WHO_CANNOT_SEE_THE_USER(new Caller("0000000000000005", OTHER_ORG, false, false), false),
        PLATFORM_ADMIN(new Caller("0000000000000007", null, false, true), false);

        final Caller caller;
        final boolean seesTheUser;

        AccountCaller(Caller caller, boolean seesTheUser) {
            this.caller = caller;
            this.seesTheUser = seesTheUser;
        }
    }

    private static final Map<AccountCaller, String[]> ACCOUNT_CHANGES = new LinkedHashMap<>();

    static {
        //                                          DECLARE  LOWER  SAME   NOTHING RAISE      DROP_PII   RAISE_UNDER DECLARE_BUT_RAISE
        ACCOUNT_CHANGES.put(AccountCaller.OWNER, new String[]{ALLOW, ALLOW, ALLOW, ALLOW, LOOSENING, LOOSENING, LOOSENING, LOOSENING});
        ACCOUNT_CHANGES.put(AccountCaller.OWNER_WHO_IS_ORG_ADMIN, ACCOUNT_CHANGES.get(AccountCaller.OWNER));
        ACCOUNT_CHANGES.put(AccountCaller.ADMIN_OF_OWNERS_ORG, fill(NOT_PLATFORM));
        ACCOUNT_CHANGES.put(AccountCaller.COLLEAGUE, fill(NOT_PLATFORM));
        ACCOUNT_CHANGES.put(AccountCaller.STRANGER_WHO_CANNOT_SEE_THE_USER, fill(NOT_FOUND));
        ACCOUNT_CHANGES.put(AccountCaller.PLATFORM_ADMIN, ALL_ALLOWED);
    }

    private static String[] fill(String code) {
        String[] row = new String[COLUMNS.size()];
        java.util.Arrays.fill(row, code);
        return row;
    }

    /** A decision's code in the tables; no decision at all (null) is a failure, never read as allowed. */
    private static String code(Decision decision) {
        assertNotNull(decision, "no decision");
        return decision instanceof Decision.Deny deny ? deny.reason().code() : ALLOW;
    }

    @Test
    void whoMayChangeAnOrganizationsPolicy() {
        assertEquals(List.of(OrgCaller.values()), List.copyOf(ORGANIZATION_CHANGES.keySet()), "a caller has no row");
        List<String> wrong = new ArrayList<>();
        ORGANIZATION_CHANGES.forEach((who, row) -> {
            for (int i = 0; i < COLUMNS.size(); i++) {
                Change change = COLUMNS.get(i);
                String actual = code(PolicyAdministration.decideOrganizationChange(who.caller, ORG, change.current,
                        change.change));
                if (!actual.equals(row[i])) {
                    wrong.add(who + " × " + change + ": expected " + row[i] + " but was " + actual);
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void whoMayReadAnOrganizationAndItsPolicyHistory() {
        List<String> wrong = new ArrayList<>();
        for (OrgCaller who : OrgCaller.values()) {
            String[] expected = ORGANIZATION_READS.get(who);
            String read = code(PolicyAdministration.decideOrganizationRead(who.caller, ORG));
            String events = code(PolicyAdministration.decideOrganizationAdministration(who.caller, ORG, "Lab"));
            if (!read.equals(expected[0]) || !events.equals(expected[1])) {
                wrong.add(who + ": expected " + List.of(expected) + " but was " + List.of(read, events));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void whoMayChangeAnAccountsPolicy() {
        assertEquals(List.of(AccountCaller.values()), List.copyOf(ACCOUNT_CHANGES.keySet()), "a caller has no row");
        List<String> wrong = new ArrayList<>();
        ACCOUNT_CHANGES.forEach((who, row) -> {
            for (int i = 0; i < COLUMNS.size(); i++) {
                Change change = COLUMNS.get(i);
                Decision access = PolicyAdministration.decideAccountAccess(who.caller, ACCOUNT, who.seesTheUser);
                String actual = code(access.allowed()
                        ? PolicyAdministration.decideAccountChange(who.caller, change.current, change.change)
                        : access);
                if (!actual.equals(row[i])) {
                    wrong.add(who + " × " + change + ": expected " + row[i] + " but was " + actual);
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    /** Moving a user between organizations: access as for the account, then platform administrators only. */
    @Test
    void whoMayMoveAUserToAnotherOrganization() {
        Map<AccountCaller, String> expected = Map.of(
                AccountCaller.OWNER, NOT_PLATFORM,
                AccountCaller.OWNER_WHO_IS_ORG_ADMIN, NOT_PLATFORM,
                AccountCaller.ADMIN_OF_OWNERS_ORG, NOT_PLATFORM,
                AccountCaller.COLLEAGUE, NOT_PLATFORM,
                AccountCaller.STRANGER_WHO_CANNOT_SEE_THE_USER, NOT_FOUND,
                AccountCaller.PLATFORM_ADMIN, ALLOW);
        assertEquals(Set.of(AccountCaller.values()), expected.keySet(), "a caller has no row");
        List<String> wrong = new ArrayList<>();
        expected.forEach((who, code) -> {
            Decision access = PolicyAdministration.decideAccountAccess(who.caller, ACCOUNT, who.seesTheUser);
            String actual = code(access.allowed() ? PolicyAdministration.decideOrganizationMove(who.caller) : access);
            if (!actual.equals(code)) {
                wrong.add(who + ": expected " + code + " but was " + actual);
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void aRefusedLooseningNamesEachFieldItWouldLoosen() {
        Caller admin = OrgCaller.ORG_ADMIN.caller;
        Decision.Deny deny = (Decision.Deny) PolicyAdministration.decideOrganizationChange(admin, ORG,
                new SharingPolicy("Harbor Genomics", Visibility.SHARED, true), new PolicyChange(false, Visibility.PUBLIC));
        assertEquals("Loosening the sharing policy of organization 'Harbor Genomics' (holds_pii from true to false,"
                + " max_visibility from shared to public) needs a platform administrator; an organization admin may"
                + " only tighten it.", deny.message());
        assertEquals(DenialReason.POLICY_LOOSENING_NOT_ALLOWED, deny.reason());
        assertEquals(DenialReason.Kind.FORBIDDEN, deny.reason().kind());
    }

    @Test
    void onlyRealChangesAreRecordedAndTheCapFollowsPii() {
        SharingPolicy open = new SharingPolicy("Lab", Visibility.PUBLIC, false);
        assertEquals(List.of(), new PolicyChange(false, Visibility.PUBLIC).fieldChanges(open));
        assertEquals(List.of(new PolicyChange.FieldChange("holds_pii", "false", "true"),
                        new PolicyChange.FieldChange("max_visibility", "public", "shared")),
                new PolicyChange(true, Visibility.SHARED).fieldChanges(open));
        SharingPolicy after = new PolicyChange(true, null).applyTo(open);
        assertEquals(Visibility.PRIVATE, after.cap());
        assertEquals(Visibility.PUBLIC, after.mostPermissive(), "declaring PII keeps the configured maximum");
        assertTrue(new PolicyChange(null, Visibility.PRIVATE).loosenings(open).isEmpty());
    }
}
