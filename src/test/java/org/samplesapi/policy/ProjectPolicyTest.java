package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may administer a project (rename, share, delete it, manage its members), as a truth table: whether the caller
 * sees the project × the permissions they hold on it → the decision. Pure: no Quarkus, no database.
 */
class ProjectPolicyTest {

    /**
     * Permissions by enum constant name ({@code ALL}, or {@code -} for none), not by wire name: the expectation does
     * not go through {@link ProjectPermission#fromWire}.
     */
    private static Set<ProjectPermission> permissions(String names) {
        if (names.equals("ALL")) {
            return EnumSet.allOf(ProjectPermission.class);
        }
        Set<ProjectPermission> permissions = EnumSet.noneOf(ProjectPermission.class);
        if (!names.equals("-")) {
            for (String name : names.split(" ")) {
                permissions.add(ProjectPermission.valueOf(name));
            }
        }
        return permissions;
    }

    /** A decision's name in the tables; no decision at all (null) is a failure, never read as allowed. */
    private static String outcome(Decision decision) {
        assertNotNull(decision, "no decision");
        return decision instanceof Decision.Deny deny ? deny.reason().name() : "ALLOW";
    }

    @ParameterizedTest(name = "visible={0} holding {1}: {2}")
    @CsvSource(textBlock = """
            # visible, permissions (enum names, - for none),                                   decision
            true,       ALL,                                                                           ALLOW
            true,       CAN_ADMINISTER,                                                                ALLOW
            true,       CAN_SEE_FILES CAN_ADMINISTER,                                                  ALLOW
            true,       -,                                                                             PROJECT_PERMISSION_DENIED
            true,       CAN_SEE_FILES,                                                                 PROJECT_PERMISSION_DENIED
            true,       CAN_SEE_FILES CAN_ADD_FILES CAN_EDIT_METADATA CAN_DOWNLOAD_FILES CAN_INCUR_CHARGES, PROJECT_PERMISSION_DENIED
            false,      -,                                                                             PROJECT_NOT_FOUND
            false,      CAN_SEE_FILES,                                                                 PROJECT_NOT_FOUND
            false,      CAN_ADMINISTER,                                                                PROJECT_NOT_FOUND
            false,      ALL,                                                                           PROJECT_NOT_FOUND
            """)
    void administerTable(boolean visible, String held, String expected) {
        assertEquals(expected, outcome(ProjectPolicy.decideAdminister(visible, permissions(held))));
    }

    /** Both refusals as clients receive them: reason, code, kind, message, and no missing item. */
    @Test
    void theRefusalsAsClientsSeeThem() {
        Decision.Deny hidden = (Decision.Deny) ProjectPolicy.decideAdminister(false, Set.of());
        assertEquals(new Decision.Deny(DenialReason.PROJECT_NOT_FOUND, "Project not found.", null), hidden);
        assertEquals("not_found", hidden.reason().code());
        assertEquals(DenialReason.Kind.NOT_FOUND, hidden.reason().kind());

        Decision.Deny denied = (Decision.Deny) ProjectPolicy.decideAdminister(true,
                EnumSet.of(ProjectPermission.CAN_SEE_FILES));
        assertEquals(new Decision.Deny(DenialReason.PROJECT_PERMISSION_DENIED,
                "You need the 'can_administer' permission on this project.", null), denied);
        assertEquals("project_permission_denied", denied.reason().code());
        assertEquals(DenialReason.Kind.FORBIDDEN, denied.reason().kind());
    }

    /** An allowed change is the one ALLOW decision, not merely something that is not a denial. */
    @Test
    void anAllowedChangeIsAllow() {
        assertEquals(Decision.ALLOW, ProjectPolicy.decideAdminister(true, ProjectPermission.all()));
    }
}
