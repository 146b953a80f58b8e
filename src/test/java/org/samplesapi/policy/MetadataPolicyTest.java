package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.samplesapi.policy.SamplePolicyTest.ORG;
import static org.samplesapi.policy.SamplePolicyTest.OWNER_ID;
import static org.samplesapi.policy.SamplePolicyTest.SAMPLE_PROJECT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samplesapi.policy.SamplePolicyTest.Role;

/**
 * Who may edit a sample's metadata, as a truth table: caller role × the sample's visibility × whether the caller
 * holds {@code can_edit_metadata} on the sample's project → the decision. Pure: no Quarkus, no database. The callers
 * are {@link SamplePolicyTest}'s roles, relative to the same sample owner.
 */
class MetadataPolicyTest {

    private static final String NOT_FOUND_MESSAGE = "Metadata not found.";
    private static final String DENIED_MESSAGE = "Editing this sample's metadata needs ownership of the sample or"
            + " the 'can_edit_metadata' permission on its project.";

    private static SampleFacts sample(Role role, String visibility, SampleStatus status) {
        return new SampleFacts(OWNER_ID, ORG, Visibility.fromWire(visibility).orElseThrow(), status, SAMPLE_PROJECT,
                role.inSampleProject);
    }

    /** A decision's name in the tables; no decision at all (null) is a failure, never read as allowed. */
    private static String outcome(Decision decision) {
        assertNotNull(decision, "no decision");
        return decision instanceof Decision.Deny deny ? deny.reason().name() : "ALLOW";
    }

    /**
     * Every role × visibility × can_edit_metadata. The record is visible exactly when its sample is, so the project
     * permission never reveals a sample the caller cannot read.
     */
    @ParameterizedTest(name = "{0} edits the metadata of a {1} sample, can_edit_metadata={2}: {3}")
    @CsvSource(textBlock = """
            OWNER,          private, false, ALLOW
            OWNER,          private, true,  ALLOW
            OWNER,          shared,  false, ALLOW
            OWNER,          shared,  true,  ALLOW
            OWNER,          public,  false, ALLOW
            OWNER,          public,  true,  ALLOW
            ORG_ADMIN,      private, false, ALLOW
            ORG_ADMIN,      private, true,  ALLOW
            ORG_ADMIN,      shared,  false, ALLOW
            ORG_ADMIN,      shared,  true,  ALLOW
            ORG_ADMIN,      public,  false, ALLOW
            ORG_ADMIN,      public,  true,  ALLOW
            COLLEAGUE,      private, false, METADATA_NOT_FOUND
            COLLEAGUE,      private, true,  METADATA_NOT_FOUND
            COLLEAGUE,      shared,  false, METADATA_PERMISSION_DENIED
            COLLEAGUE,      shared,  true,  ALLOW
            COLLEAGUE,      public,  false, METADATA_PERMISSION_DENIED
            COLLEAGUE,      public,  true,  ALLOW
            PROJECT_MEMBER, private, false, METADATA_NOT_FOUND
            PROJECT_MEMBER, private, true,  METADATA_NOT_FOUND
            PROJECT_MEMBER, shared,  false, METADATA_PERMISSION_DENIED
            PROJECT_MEMBER, shared,  true,  ALLOW
            PROJECT_MEMBER, public,  false, METADATA_PERMISSION_DENIED
            PROJECT_MEMBER, public,  true,  ALLOW
            STRANGER,       private, false, METADATA_NOT_FOUND
            STRANGER,       private, true,  METADATA_NOT_FOUND
            STRANGER,       shared,  false, METADATA_NOT_FOUND
            STRANGER,       shared,  true,  METADATA_NOT_FOUND
            STRANGER,       public,  false, METADATA_PERMISSION_DENIED
            STRANGER,       public,  true,  ALLOW
            STRANGER_ADMIN, private, false, METADATA_NOT_FOUND
            STRANGER_ADMIN, private, true,  METADATA_NOT_FOUND
            STRANGER_ADMIN, shared,  false, METADATA_NOT_FOUND
            STRANGER_ADMIN, shared,  true,  METADATA_NOT_FOUND
            STRANGER_ADMIN, public,  false, METADATA_PERMISSION_DENIED
            STRANGER_ADMIN, public,  true,  ALLOW
            NO_ORG,         private, false, METADATA_NOT_FOUND
            NO_ORG,         private, true,  METADATA_NOT_FOUND
            NO_ORG,         shared,  false, METADATA_NOT_FOUND
            NO_ORG,         shared,  true,  METADATA_NOT_FOUND
            NO_ORG,         public,  false, METADATA_PERMISSION_DENIED
            NO_ORG,         public,  true,  ALLOW
            """)
    void editTable(Role role, String visibility, boolean canEditMetadata, String expected) {
        Decision decision = MetadataPolicy.decideEdit(role.caller, sample(role, visibility, SampleStatus.AVAILABLE),
                canEditMetadata);
        assertEquals(expected, outcome(decision));
    }

    /** A deleted sample has no metadata record for anyone, its owner and holders of the permission included. */
    @ParameterizedTest(name = "{0} edits the metadata of a deleted {1} sample, can_edit_metadata={2}")
    @CsvSource(textBlock = """
            OWNER,          private, true
            ORG_ADMIN,      public,  true
            PROJECT_MEMBER, shared,  true
            STRANGER,       public,  true
            """)
    void deletedSamplesHaveNoMetadata(Role role, String visibility, boolean canEditMetadata) {
        assertEquals("METADATA_NOT_FOUND", outcome(MetadataPolicy.decideEdit(role.caller,
                sample(role, visibility, SampleStatus.DELETED), canEditMetadata)));
    }

    /** Both refusals as clients receive them: reason, code, kind, message, and no missing item. */
    @Test
    void theRefusalsAsClientsSeeThem() {
        Decision.Deny hidden = (Decision.Deny) MetadataPolicy.decideEdit(Role.STRANGER.caller,
                sample(Role.STRANGER, "private", SampleStatus.AVAILABLE), true);
        assertEquals(new Decision.Deny(DenialReason.METADATA_NOT_FOUND, NOT_FOUND_MESSAGE, null), hidden);
        assertEquals("not_found", hidden.reason().code());
        assertEquals(DenialReason.Kind.NOT_FOUND, hidden.reason().kind());

        Decision.Deny denied = (Decision.Deny) MetadataPolicy.decideEdit(Role.COLLEAGUE.caller,
                sample(Role.COLLEAGUE, "shared", SampleStatus.AVAILABLE), false);
        assertEquals(new Decision.Deny(DenialReason.METADATA_PERMISSION_DENIED, DENIED_MESSAGE, null), denied);
        assertEquals("metadata_permission_denied", denied.reason().code());
        assertEquals(DenialReason.Kind.FORBIDDEN, denied.reason().kind());
    }

    /** An allowed edit is the one ALLOW decision, not merely something that is not a denial. */
    @Test
    void anAllowedEditIsAllow() {
        assertEquals(Decision.ALLOW, MetadataPolicy.decideEdit(Role.OWNER.caller,
                sample(Role.OWNER, "private", SampleStatus.AVAILABLE), false));
    }
}
