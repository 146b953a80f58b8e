package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire names of the policy's enums, as tables: the spelling the API and the database use for each constant, and
 * what parsing makes of anything else. Parsing is exact (case and whitespace count, nothing is trimmed); anything
 * that is not a wire name, {@code null} and blank included, is no value. Pure: no Quarkus, no database.
 */
class WireNamesTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(textBlock = """
            awaiting_data,     AWAITING_DATA
            importing,         IMPORTING
            validating,        VALIDATING
            failed_validation, FAILED_VALIDATION
            available,         AVAILABLE
            deleted,           DELETED
            """)
    void sampleStatuses(String wire, SampleStatus status) {
        assertEquals(Optional.of(status), SampleStatus.fromWire(wire));
        assertEquals(wire, status.wireName());
    }

    @ParameterizedTest(name = "''{0}'' is no sample status")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "AVAILABLE", "Available", " available", "available ", "awaiting-data",
            "awaitingdata", "failed", "purged"})
    void notSampleStatuses(String wire) {
        assertEquals(Optional.empty(), SampleStatus.fromWire(wire));
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(textBlock = """
            all_or_nothing, ALL_OR_NOTHING
            apply_allowed,  APPLY_ALLOWED
            """)
    void bulkModes(String wire, BulkMode mode) {
        assertEquals(Optional.of(mode), BulkMode.fromWire(wire));
        assertEquals(wire, mode.wireName());
    }

    @ParameterizedTest(name = "''{0}'' is no bulk mode")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "ALL_OR_NOTHING", "Apply_Allowed", "all-or-nothing", "allornothing",
            " apply_allowed", "apply_allowed ", "apply", "best_effort"})
    void notBulkModes(String wire) {
        assertEquals(Optional.empty(), BulkMode.fromWire(wire));
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(textBlock = """
            can_see_files,      CAN_SEE_FILES
            can_add_files,      CAN_ADD_FILES
            can_edit_metadata,  CAN_EDIT_METADATA
            can_download_files, CAN_DOWNLOAD_FILES
            can_incur_charges,  CAN_INCUR_CHARGES
            can_administer,     CAN_ADMINISTER
            """)
    void projectPermissions(String wire, ProjectPermission permission) {
        assertEquals(Optional.of(permission), ProjectPermission.fromWire(wire));
        assertEquals(wire, permission.wireName());
    }

    /** One name at a time: a comma-separated list is split before it is parsed ({@link ProjectAccess#resolve}). */
    @ParameterizedTest(name = "''{0}'' is no project permission")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "CAN_ADD_FILES", "Can_Add_Files", "can-add-files", " can_add_files",
            "can_add_files ", "can_see_files,can_add_files", "administer", "can_fly"})
    void notProjectPermissions(String wire) {
        assertEquals(Optional.empty(), ProjectPermission.fromWire(wire));
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(textBlock = """
            private, PRIVATE
            shared,  SHARED
            public,  PUBLIC
            """)
    void visibilities(String wire, Visibility visibility) {
        assertEquals(Optional.of(visibility), Visibility.fromWire(wire));
        assertEquals(wire, visibility.wireName());
    }

    @ParameterizedTest(name = "''{0}'' is no visibility")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "PRIVATE", "Public", " shared", "shared ", "internal"})
    void notVisibilities(String wire) {
        assertEquals(Optional.empty(), Visibility.fromWire(wire));
    }

    /*
     * Every constant, those added after the tables above included, parses back from its own wire name: no two
     * constants of an enum share one.
     */

    @ParameterizedTest
    @EnumSource(SampleStatus.class)
    void everySampleStatusParsesFromItsWireName(SampleStatus status) {
        assertEquals(Optional.of(status), SampleStatus.fromWire(status.wireName()));
    }

    @ParameterizedTest
    @EnumSource(BulkMode.class)
    void everyBulkModeParsesFromItsWireName(BulkMode mode) {
        assertEquals(Optional.of(mode), BulkMode.fromWire(mode.wireName()));
    }

    @ParameterizedTest
    @EnumSource(ProjectPermission.class)
    void everyProjectPermissionParsesFromItsWireName(ProjectPermission permission) {
        assertEquals(Optional.of(permission), ProjectPermission.fromWire(permission.wireName()));
    }

    @ParameterizedTest
    @EnumSource(Visibility.class)
    void everyVisibilityParsesFromItsWireName(Visibility visibility) {
        assertEquals(Optional.of(visibility), Visibility.fromWire(visibility.wireName()));
    }
}
