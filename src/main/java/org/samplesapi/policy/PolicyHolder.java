package org.samplesapi.policy;

/** Whose samples a sharing policy governs: those of an organization's members, or those of one account. */
public enum PolicyHolder {
    ORGANIZATION,
    ACCOUNT
}
