package org.samplesapi.identity;

/**
 * The user row a token maps to, and the id of the organization the token names ({@code null} when it names none):
 * a caller acts with the organization of their token, whatever an older token left on record. No user id: the token
 * names another organization than the one on record, and is refused.
 */
public record ProvisionedUser(String userId, String tokenOrganizationId) {
}
