package org.samplesapi.sharing;

import org.samplesapi.policy.PolicyChange;

/**
 * What a PATCH of a user's account asks for.
 *
 * @param policy         the change of the account's sharing policy (possibly none)
 * @param organizationId the organization to move the user to, or {@code null} to leave them where they are
 */
public record AccountChange(PolicyChange policy, String organizationId) {
}
