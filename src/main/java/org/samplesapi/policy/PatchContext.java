package org.samplesapi.policy;

import java.util.Set;

/**
 * Everything a PATCH decision depends on, loaded in one go inside the writing transaction.
 *
 * @param caller        who asks
 * @param sample        the sample, as far as the rules care
 * @param accountPolicy the sample owner's account-level sharing policy
 * @param orgPolicy     the sample owner's organization's sharing policy (unrestricted when the owner has none)
 * @param targetProject the caller's standing on the requested project, or {@code null} when none is requested
 * @param usableTagIds  the requested tag ids that exist and that the caller may attach
 */
public record PatchContext(Caller caller, SampleFacts sample, SharingPolicy accountPolicy, SharingPolicy orgPolicy,
                           ProjectAccess targetProject, Set<String> usableTagIds) {

    public PatchContext {
        usableTagIds = Set.copyOf(usableTagIds);
    }
}
