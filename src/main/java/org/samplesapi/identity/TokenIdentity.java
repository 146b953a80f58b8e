package org.samplesapi.identity;

/**
 * What a verified token says about its user that we keep in the user row. Used as the provisioning cache key, so a
 * change of e-mail or organization in the token refreshes the row.
 */
public record TokenIdentity(String subject, String email, String organization) {
}
