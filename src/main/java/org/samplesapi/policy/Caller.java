package org.samplesapi.policy;

import java.util.Objects;

/**
 * The authenticated user behind a request, as far as authorization cares: taken from the verified token and the
 * user row it was provisioned into, never from the request body.
 *
 * @param userId         the caller's user id (16 hex characters)
 * @param organizationId the caller's organization id, or {@code null} when the token names none
 * @param orgAdmin       whether the token grants the organization-admin role
 * @param platformAdmin  whether the token grants the platform-administrator role (loosens sharing policies)
 */
public record Caller(String userId, String organizationId, boolean orgAdmin, boolean platformAdmin) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
    }

    /** A caller without the platform-administrator role. */
    public Caller(String userId, String organizationId, boolean orgAdmin) {
        this(userId, organizationId, orgAdmin, false);
    }

    public boolean isMemberOf(String otherOrganizationId) {
        return organizationId != null && organizationId.equals(otherOrganizationId);
    }

    public boolean isAdminOf(String otherOrganizationId) {
        return orgAdmin && isMemberOf(otherOrganizationId);
    }
}
