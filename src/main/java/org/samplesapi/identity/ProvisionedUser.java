package org.samplesapi.identity;

/** The user row a token maps to: our user id and organization id. */
public record ProvisionedUser(String userId, String organizationId) {
}
