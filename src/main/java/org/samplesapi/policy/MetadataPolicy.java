package org.samplesapi.policy;

/** Who may edit a sample's metadata record. Pure, like {@link SamplePolicy}. */
public final class MetadataPolicy {

    private MetadataPolicy() {
    }

    /**
     * The record is visible exactly when its sample is. Editing it needs what modifying the sample needs (owner, or
     * an admin of the owner's organization) or {@code can_edit_metadata} on the sample's project.
     *
     * @param canEditMetadataInProject whether the caller holds {@code can_edit_metadata} on the sample's project
     */
    public static Decision decideEdit(Caller caller, SampleFacts sample, boolean canEditMetadataInProject) {
        if (!SamplePolicy.canRead(caller, sample)) {
            return new Decision.Deny(DenialReason.METADATA_NOT_FOUND, "Metadata not found.");
        }
        if (SamplePolicy.canModify(caller, sample) || canEditMetadataInProject) {
            return Decision.ALLOW;
        }
        return new Decision.Deny(DenialReason.METADATA_PERMISSION_DENIED, "Editing this sample's metadata needs"
                + " ownership of the sample or the '" + ProjectPermission.CAN_EDIT_METADATA.wireName()
                + "' permission on its project.");
    }
}
