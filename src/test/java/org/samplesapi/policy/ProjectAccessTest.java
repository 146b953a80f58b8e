package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How a loaded project row becomes the caller's standing on it, as a truth table. Pure: no Quarkus, no database. */
class ProjectAccessTest {

    private static final String PROJECT = "00000000000000p2";

    @Test
    void noRequestedProjectHasNoStanding() {
        assertNull(ProjectAccess.resolve(null, null, false, false, null, false));
    }

    @ParameterizedTest(name = "found={0} owned={1} public={2} member={3} ({4}): visible={5} {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # found | owned | public | member | permissions                  | visible | holds
            false   | false | false  | false  | -                            | false   | -
            false   | true  | true   | true   | can_add_files                | false   | -
            true    | false | false  | false  | -                            | false   | -
            true    | true  | false  | false  | -                            | true    | ALL
            true    | true  | false  | true   | can_see_files                | true    | ALL
            true    | false | false  | true   | can_see_files,can_add_files  | true    | can_see_files,can_add_files
            true    | false | false  | true   | can_see_files                | true    | can_see_files
            true    | false | false  | true   | -                            | true    | -
            true    | false | false  | true   | can_fly,can_add_files        | true    | can_add_files
            true    | false | false  | false  | can_add_files                | false   | -
            true    | false | true   | false  | -                            | true    | -
            true    | false | true   | false  | can_add_files                | true    | -
            """)
    void standing(boolean found, boolean owned, boolean isPublic, boolean member, String permissions,
                  boolean visible, String holds) {
        ProjectAccess access = ProjectAccess.resolve(PROJECT, found ? PROJECT : null, owned, isPublic, permissions,
                member);
        Set<ProjectPermission> expected = holds == null ? Set.of()
                : holds.equals("ALL") ? ProjectPermission.all() : parse(holds);
        assertEquals(new ProjectAccess(PROJECT, visible, expected), access);
    }

    private static Set<ProjectPermission> parse(String names) {
        Set<ProjectPermission> permissions = EnumSet.noneOf(ProjectPermission.class);
        for (String name : names.split(",")) {
            permissions.add(ProjectPermission.fromWire(name).orElseThrow());
        }
        return permissions;
    }
}
