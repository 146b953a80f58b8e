package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sharing rules as truth tables: caller role × current and requested visibility × account and organization
 * policy, then project targets and tags. Pure: no Quarkus, no database.
 */
class SamplePolicyTest {

    static final String OWNER_ID = "0000000000000001";
    static final String ORG = "00000000000000aa";
    static final String OTHER_ORG = "00000000000000bb";
    static final String SAMPLE_PROJECT = "00000000000000p1";
    private static final String TARGET = "00000000000000p2";
    /**
     * The spec's order of visibilities, by wire name: written out here, not taken from {@link Visibility}'s
     * declaration order, so a reordered enum shows up as failures of the sweep.
     */
    private static final Map<String, Integer> SPEC_RANK = Map.of("private", 0, "shared", 1, "public", 2);

    /** Who asks, relative to the sample's owner. */
    enum Role {
        OWNER(new Caller(OWNER_ID, ORG, false), false),
        COLLEAGUE(new Caller("0000000000000002", ORG, false), false),
        ORG_ADMIN(new Caller("0000000000000003", ORG, true), false),
        STRANGER(new Caller("0000000000000004", OTHER_ORG, false), false),
        STRANGER_ADMIN(new Caller("0000000000000005", OTHER_ORG, true), false),
        NO_ORG(new Caller("0000000000000006", null, true), false),
        PROJECT_MEMBER(new Caller("0000000000000007", OTHER_ORG, false), true);

        final Caller caller;
        final boolean inSampleProject;

        Role(Caller caller, boolean inSampleProject) {
            this.caller = caller;
            this.inSampleProject = inSampleProject;
        }
    }

    /** A policy cell of the table: none, pii, or a most-permissive visibility. */
    private static SharingPolicy policy(String holder, String cell) {
        return switch (cell) {
            case "none" -> SharingPolicy.unrestricted(holder);
            case "pii" -> new SharingPolicy(holder, Visibility.PUBLIC, true);
            default -> new SharingPolicy(holder, Visibility.fromWire(cell).orElseThrow(), false);
        };
    }

    private static PatchContext context(Role role, String visibility, String account, String org,
                                        ProjectAccess target, Set<String> usableTags) {
        SampleFacts sample = new SampleFacts(OWNER_ID, ORG, Visibility.fromWire(visibility).orElseThrow(),
                SampleStatus.AVAILABLE, SAMPLE_PROJECT, role.inSampleProject);
        return new PatchContext(role.caller, sample, policy("owner@example.org", account), policy("Acme Clinic", org),
                target, usableTags);
    }

    /** A decision's name in the tables; no decision at all (null) is a failure, never read as allowed. */
    private static String outcome(Decision decision) {
        assertNotNull(decision, "no decision");
        if (decision instanceof Decision.Deny deny) {
            return deny.reason().name();
        }
        return "ALLOW";
    }

    @ParameterizedTest(name = "{0} patches {1} -> {2} under account={3} org={4}: {5}")
    @CsvSource(textBlock = """
            OWNER,          private, public,  none,    none,    ALLOW
            OWNER,          private, shared,  none,    none,    ALLOW
            OWNER,          shared,  public,  none,    none,    ALLOW
            OWNER,          private, private, pii,     pii,     ALLOW
            OWNER,          shared,  shared,  none,    pii,     ALLOW
            OWNER,          public,  public,  pii,     pii,     ALLOW
            OWNER,          public,  private, none,    pii,     ALLOW
            OWNER,          public,  shared,  pii,     pii,     ALLOW
            OWNER,          shared,  private, private, private, ALLOW
            OWNER,          private, shared,  none,    pii,     ORG_POLICY_VIOLATION
            OWNER,          private, public,  none,    pii,     ORG_POLICY_VIOLATION
            OWNER,          shared,  public,  none,    pii,     ORG_POLICY_VIOLATION
            OWNER,          private, shared,  none,    shared,  ALLOW
            OWNER,          private, public,  none,    shared,  ORG_POLICY_VIOLATION
            OWNER,          shared,  public,  none,    shared,  ORG_POLICY_VIOLATION
            OWNER,          private, shared,  none,    private, ORG_POLICY_VIOLATION
            OWNER,          private, shared,  pii,     none,    ACCOUNT_POLICY_VIOLATION
            OWNER,          private, public,  pii,     none,    ACCOUNT_POLICY_VIOLATION
            OWNER,          private, shared,  shared,  none,    ALLOW
            OWNER,          private, public,  shared,  none,    ACCOUNT_POLICY_VIOLATION
            OWNER,          private, shared,  private, none,    ACCOUNT_POLICY_VIOLATION
            OWNER,          private, public,  private, shared,  ACCOUNT_POLICY_VIOLATION
            OWNER,          private, public,  pii,     shared,  ACCOUNT_POLICY_VIOLATION
            OWNER,          private, public,  shared,  private, ORG_POLICY_VIOLATION
            OWNER,          private, public,  shared,  pii,     ORG_POLICY_VIOLATION
            OWNER,          private, public,  shared,  shared,  ORG_POLICY_VIOLATION
            OWNER,          private, shared,  pii,     pii,     ORG_POLICY_VIOLATION
            OWNER,          private, shared,  shared,  shared,  ALLOW
            ORG_ADMIN,      private, public,  none,    none,    ALLOW
            ORG_ADMIN,      private, shared,  none,    pii,     ORG_POLICY_VIOLATION
            ORG_ADMIN,      private, public,  shared,  none,    ACCOUNT_POLICY_VIOLATION
            ORG_ADMIN,      public,  private, pii,     pii,     ALLOW
            COLLEAGUE,      private, private, none,    none,    SAMPLE_NOT_FOUND
            COLLEAGUE,      private, public,  none,    none,    SAMPLE_NOT_FOUND
            COLLEAGUE,      shared,  private, none,    none,    NOT_SAMPLE_OWNER
            COLLEAGUE,      public,  private, none,    none,    NOT_SAMPLE_OWNER
            STRANGER,       private, public,  none,    none,    SAMPLE_NOT_FOUND
            STRANGER,       shared,  private, none,    none,    SAMPLE_NOT_FOUND
            STRANGER,       public,  private, none,    none,    NOT_SAMPLE_OWNER
            STRANGER_ADMIN, private, private, none,    none,    SAMPLE_NOT_FOUND
            STRANGER_ADMIN, shared,  shared,  none,    none,    SAMPLE_NOT_FOUND
            STRANGER_ADMIN, public,  private, none,    none,    NOT_SAMPLE_OWNER
            NO_ORG,         private, private, none,    none,    SAMPLE_NOT_FOUND
            NO_ORG,         shared,  private, none,    none,    SAMPLE_NOT_FOUND
            PROJECT_MEMBER, private, private, none,    none,    SAMPLE_NOT_FOUND
            PROJECT_MEMBER, shared,  private, none,    none,    NOT_SAMPLE_OWNER
            PROJECT_MEMBER, public,  shared,  none,    none,    NOT_SAMPLE_OWNER
            """)
    void visibilityTable(Role role, String current, String requested, String account, String org, String expected) {
        SampleChange change = new SampleChange(Visibility.fromWire(requested).orElseThrow(), false, null, null);
        assertEquals(expected, outcome(SamplePolicy.decidePatch(context(role, current, account, org, null, Set.of()),
                change)));
    }

    @ParameterizedTest(name = "{0} reads a {1} sample: {2}")
    @CsvSource(textBlock = """
            OWNER,          private, true
            ORG_ADMIN,      private, true
            COLLEAGUE,      private, false
            COLLEAGUE,      shared,  true
            PROJECT_MEMBER, private, false
            PROJECT_MEMBER, shared,  true
            STRANGER,       shared,  false
            STRANGER,       public,  true
            STRANGER_ADMIN, private, false
            NO_ORG,         shared,  false
            NO_ORG,         public,  true
            """)
    void readTable(Role role, String visibility, boolean readable) {
        SampleFacts sample = context(role, visibility, "none", "none", null, Set.of()).sample();
        assertEquals(readable, SamplePolicy.canRead(role.caller, sample));
        assertEquals(readable, SamplePolicy.decideRead(role.caller, sample).allowed());
    }

    /** The audit trail is for those who may modify the sample; a reader is refused, anyone else does not see it. */
    @ParameterizedTest(name = "{0} reads the audit trail of a {1} sample: {2}")
    @CsvSource(textBlock = """
            OWNER,          private, ALLOW
            ORG_ADMIN,      private, ALLOW
            ORG_ADMIN,      public,  ALLOW
            COLLEAGUE,      private, SAMPLE_NOT_FOUND
            COLLEAGUE,      shared,  NOT_SAMPLE_OWNER
            PROJECT_MEMBER, private, SAMPLE_NOT_FOUND
            PROJECT_MEMBER, shared,  NOT_SAMPLE_OWNER
            STRANGER,       shared,  SAMPLE_NOT_FOUND
            STRANGER,       public,  NOT_SAMPLE_OWNER
            STRANGER_ADMIN, private, SAMPLE_NOT_FOUND
            STRANGER_ADMIN, public,  NOT_SAMPLE_OWNER
            NO_ORG,         public,  NOT_SAMPLE_OWNER
            """)
    void auditReadTable(Role role, String visibility, String expected) {
        SampleFacts sample = context(role, visibility, "none", "none", null, Set.of()).sample();
        assertEquals(expected, outcome(SamplePolicy.decideAuditRead(role.caller, sample)));
    }

    @Test
    void deletedSamplesAreGoneEvenForTheirOwner() {
        SampleFacts deleted = new SampleFacts(OWNER_ID, ORG, Visibility.PUBLIC, SampleStatus.DELETED, null, false);
        for (Role role : Role.values()) {
            assertFalse(SamplePolicy.canRead(role.caller, deleted), role.name());
        }
    }

    /** Caller role x the caller's standing on the target project -> the decision for moving a sample there. */
    @ParameterizedTest(name = "{0} moves a {1} sample to a project where they are {2}: {3}")
    @CsvSource(textBlock = """
            OWNER,          private, owned,           ALLOW
            OWNER,          private, member-add,      ALLOW
            OWNER,          private, member-see,      PROJECT_PERMISSION_DENIED
            OWNER,          private, member-none,     PROJECT_PERMISSION_DENIED
            OWNER,          private, public-visitor,  PROJECT_PERMISSION_DENIED
            OWNER,          private, invisible,       PROJECT_NOT_FOUND
            OWNER,          private, missing-context, PROJECT_NOT_FOUND
            ORG_ADMIN,      private, owned,           ALLOW
            ORG_ADMIN,      private, member-add,      ALLOW
            ORG_ADMIN,      private, member-see,      PROJECT_PERMISSION_DENIED
            ORG_ADMIN,      private, invisible,       PROJECT_NOT_FOUND
            COLLEAGUE,      shared,  member-add,      NOT_SAMPLE_OWNER
            PROJECT_MEMBER, shared,  owned,           NOT_SAMPLE_OWNER
            PROJECT_MEMBER, private, member-add,      SAMPLE_NOT_FOUND
            STRANGER,       private, owned,           SAMPLE_NOT_FOUND
            STRANGER_ADMIN, public,  member-add,      NOT_SAMPLE_OWNER
            """)
    void projectTable(Role role, String visibility, String standing, String expected) {
        ProjectAccess access = switch (standing) {
            case "owned" -> new ProjectAccess(TARGET, true, ProjectPermission.all());
            case "member-add" -> new ProjectAccess(TARGET, true,
                    EnumSet.of(ProjectPermission.CAN_SEE_FILES, ProjectPermission.CAN_ADD_FILES));
            case "member-see" -> new ProjectAccess(TARGET, true, EnumSet.of(ProjectPermission.CAN_SEE_FILES,
                    ProjectPermission.CAN_EDIT_METADATA, ProjectPermission.CAN_DOWNLOAD_FILES));
            case "member-none", "public-visitor" -> new ProjectAccess(TARGET, true, Set.of());
            case "invisible" -> ProjectAccess.invisible(TARGET);
            default -> null;
        };
        Decision decision = SamplePolicy.decidePatch(context(role, visibility, "none", "none", access, Set.of()),
                new SampleChange(null, true, TARGET, null));
        assertEquals(expected, outcome(decision));
        if (expected.equals("PROJECT_NOT_FOUND")) {
            assertEquals(new ItemRef("projects", TARGET), ((Decision.Deny) decision).item());
        }
    }

    @Test
    void leavingAProjectOrStayingInItNeedsNoPermission() {
        PatchContext context = context(Role.OWNER, "private", "none", "none", ProjectAccess.invisible(SAMPLE_PROJECT),
                Set.of());
        assertTrue(SamplePolicy.decidePatch(context, new SampleChange(null, true, null, null)).allowed());
        assertTrue(SamplePolicy.decidePatch(context, new SampleChange(null, true, SAMPLE_PROJECT, null)).allowed());
    }

    @ParameterizedTest(name = "tags {0} with usable {1}: {2}")
    @CsvSource(textBlock = """
            'a,b',  'a,b,c', ALLOW
            '',     '',      ALLOW
            'a,x',  'a,b',   TAG_NOT_FOUND
            'x',    '',      TAG_NOT_FOUND
            """)
    void tagTable(String requested, String usable, String expected) {
        List<String> tags = requested.isEmpty() ? List.of() : List.of(requested.split(","));
        Set<String> usableTags = usable.isEmpty() ? Set.of() : Set.of(usable.split(","));
        Decision decision = SamplePolicy.decidePatch(
                context(Role.OWNER, "private", "pii", "pii", null, usableTags), new SampleChange(null, false, null, tags));
        assertEquals(expected, outcome(decision));
        if (decision instanceof Decision.Deny deny) {
            assertEquals(new ItemRef("tags", "x"), deny.item());
        }
    }

    @Test
    void checksAreReportedInOrderHiddenOwnerVisibilityProjectTags() {
        SampleChange everything = new SampleChange(Visibility.PUBLIC, true, TARGET, List.of("x"));
        ProjectAccess noAdd = new ProjectAccess(TARGET, true, Set.of());
        assertEquals("SAMPLE_NOT_FOUND", outcome(SamplePolicy.decidePatch(
                context(Role.STRANGER, "private", "pii", "pii", noAdd, Set.of()), everything)));
        assertEquals("NOT_SAMPLE_OWNER", outcome(SamplePolicy.decidePatch(
                context(Role.COLLEAGUE, "shared", "pii", "pii", noAdd, Set.of()), everything)));
        assertEquals("ORG_POLICY_VIOLATION", outcome(SamplePolicy.decidePatch(
                context(Role.OWNER, "private", "none", "pii", noAdd, Set.of()), everything)));
        assertEquals("PROJECT_PERMISSION_DENIED", outcome(SamplePolicy.decidePatch(
                context(Role.OWNER, "private", "none", "none", noAdd, Set.of()), everything)));
        assertEquals("TAG_NOT_FOUND", outcome(SamplePolicy.decidePatch(context(Role.OWNER, "private", "none", "none",
                new ProjectAccess(TARGET, true, ProjectPermission.all()), Set.of()), everything)));
    }

    /**
     * Every combination of role, current and requested visibility and both policies, checked against the rules as
     * the spec states them (not as the policy computes them).
     */
    @Test
    void exhaustiveSweepHoldsTheSpecsInvariants() {
        String[] policies = {"none", "pii", "shared", "private"};
        List<String> failures = new ArrayList<>();
        for (Role role : Role.values()) {
            for (String current : SPEC_RANK.keySet()) {
                for (String requested : SPEC_RANK.keySet()) {
                    for (String account : policies) {
                        for (String org : policies) {
                            PatchContext context = context(role, current, account, org, null, Set.of());
                            Decision decision = SamplePolicy.decidePatch(context,
                                    new SampleChange(Visibility.fromWire(requested).orElseThrow(), false, null, null));
                            String expected = specExpectation(role, current, requested, account, org);
                            if (!expected.equals(outcome(decision))) {
                                failures.add(role + " " + current + "->" + requested + " account=" + account
                                        + " org=" + org + ": expected " + expected + ", got " + outcome(decision));
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /** The sweep covers every visibility there is: a new one must be ranked here before it can pass. */
    @Test
    void theSweepRanksEveryVisibility() {
        assertEquals(SPEC_RANK.keySet(), java.util.Arrays.stream(Visibility.values()).map(Visibility::wireName)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** The spec's rule list, restated independently of SamplePolicy. */
    private static String specExpectation(Role role, String current, String requested, String account,
                                          String org) {
        boolean owner = role == Role.OWNER;
        boolean adminOfOwnersOrg = role == Role.ORG_ADMIN;
        boolean sameOrg = role == Role.OWNER || role == Role.COLLEAGUE || role == Role.ORG_ADMIN;
        boolean readable = owner || adminOfOwnersOrg || current.equals("public")
                || (current.equals("shared") && (sameOrg || role.inSampleProject));
        if (!readable) {
            return "SAMPLE_NOT_FOUND";
        }
        if (!owner && !adminOfOwnersOrg) {
            return "NOT_SAMPLE_OWNER";
        }
        if (SPEC_RANK.get(requested) <= SPEC_RANK.get(current)) {
            return "ALLOW"; // more private, or unchanged
        }
        int accountCap = capRank(account);
        int orgCap = capRank(org);
        if (SPEC_RANK.get(requested) <= Math.min(accountCap, orgCap)) {
            return "ALLOW";
        }
        return orgCap <= accountCap ? "ORG_POLICY_VIOLATION" : "ACCOUNT_POLICY_VIOLATION";
    }

    /** 0 private, 1 shared, 2 public. */
    private static int capRank(String policy) {
        return switch (policy) {
            case "pii", "private" -> 0;
            case "shared" -> 1;
            default -> 2;
        };
    }

    /** The permissions view asks exactly what each request would ask: a truth table, and the sweep that ties them. */
    @ParameterizedTest(name = "{0} on a {1} sample, account={2} org={3}: private {4}, shared {5}, public {6}, modify {7}")
    @CsvSource(textBlock = """
            OWNER,     private, none,   none,   ALLOW,            ALLOW,                ALLOW,                    ALLOW
            OWNER,     private, none,   shared, ALLOW,            ALLOW,                ORG_POLICY_VIOLATION,     ALLOW
            OWNER,     shared,  shared, none,   ALLOW,            ALLOW,                ACCOUNT_POLICY_VIOLATION, ALLOW
            OWNER,     private, none,   pii,    ALLOW,            ORG_POLICY_VIOLATION, ORG_POLICY_VIOLATION,     ALLOW
            ORG_ADMIN, public,  none,   pii,    ALLOW,            ALLOW,                ALLOW,                    ALLOW
            COLLEAGUE, shared,  none,   none,   NOT_SAMPLE_OWNER, NOT_SAMPLE_OWNER,     NOT_SAMPLE_OWNER,         NOT_SAMPLE_OWNER
            STRANGER,  public,  none,   none,   NOT_SAMPLE_OWNER, NOT_SAMPLE_OWNER,     NOT_SAMPLE_OWNER,         NOT_SAMPLE_OWNER
            """)
    void permissionsTable(Role role, String current, String account, String org, String toPrivate, String toShared,
                          String toPublic, String modify) {
        SamplePermissions permissions = SamplePermissions.of(context(role, current, account, org, null, Set.of()));
        assertEquals(toPrivate, outcome(permissions.visibility().get(Visibility.PRIVATE)));
        assertEquals(toShared, outcome(permissions.visibility().get(Visibility.SHARED)));
        assertEquals(toPublic, outcome(permissions.visibility().get(Visibility.PUBLIC)));
        assertEquals(modify, outcome(permissions.project()));
        assertEquals(modify, outcome(permissions.tags()));
        assertEquals(modify, outcome(permissions.delete()));
    }

    @Test
    void permissionsAgreeWithTheRequestsTheyDescribe() {
        String[] policies = {"none", "pii", "shared", "private"};
        for (Role role : Role.values()) {
            for (String current : SPEC_RANK.keySet()) {
                for (String account : policies) {
                    for (String org : policies) {
                        PatchContext context = context(role, current, account, org, null, Set.of());
                        SamplePermissions permissions = SamplePermissions.of(context);
                        for (Visibility requested : Visibility.values()) {
                            assertEquals(SamplePolicy.decidePatch(context,
                                    new SampleChange(requested, false, null, null)),
                                    permissions.visibility().get(requested), role + " " + current + "->" + requested);
                        }
                        Decision modify = SamplePolicy.decideModify(context.caller(), context.sample());
                        assertEquals(modify, permissions.delete());
                        assertEquals(modify, permissions.project());
                        assertEquals(modify, permissions.tags());
                    }
                }
            }
        }
    }

    @Test
    void denialMessagesNameThePolicy() {
        Decision.Deny org = (Decision.Deny) SamplePolicy.decidePatch(
                context(Role.OWNER, "private", "none", "pii", null, Set.of()),
                new SampleChange(Visibility.SHARED, false, null, null));
        assertTrue(org.message().contains("Acme Clinic") && org.message().contains("PII"), org.message());
        Decision.Deny account = (Decision.Deny) SamplePolicy.decidePatch(
                context(Role.OWNER, "private", "shared", "none", null, Set.of()),
                new SampleChange(Visibility.PUBLIC, false, null, null));
        assertTrue(account.message().contains("owner@example.org") && account.message().contains("at most shared"),
                account.message());
        assertNull(account.item());
    }
}
