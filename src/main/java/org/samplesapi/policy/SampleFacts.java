package org.samplesapi.policy;

/**
 * What the sharing rules need to know about one sample, relative to the caller.
 *
 * @param ownerId             the sample owner's user id
 * @param ownerOrganizationId the owner's organization, or {@code null}
 * @param visibility          the current visibility
 * @param status              the current status ({@code deleted} samples are gone)
 * @param projectId           the project the sample is in, or {@code null}
 * @param callerInProject     whether the caller owns that project or holds can_see_files there
 */
public record SampleFacts(String ownerId, String ownerOrganizationId, Visibility visibility, SampleStatus status,
                          String projectId, boolean callerInProject) {
}
