package org.samplesapi.identity;

import org.samplesapi.policy.Visibility;

/**
 * The sharing policy an organization or account gets when a token first names it. Nobody has set a policy for it
 * yet, so the default must not be the most permissive one: an organization that holds PII may arrive before its
 * administrators do.
 */
public enum NewcomerPolicy {
    /** At most {@code shared}: nothing goes public until someone decides it may. */
    NO_PUBLIC(Visibility.SHARED),
    /** Only {@code private}. */
    PRIVATE_ONLY(Visibility.PRIVATE),
    /** Up to {@code public}, as before this setting existed. */
    OPEN(Visibility.PUBLIC);

    private final Visibility cap;

    NewcomerPolicy(Visibility cap) {
        this.cap = cap;
    }

    /** The most permissive visibility a new row allows. */
    public Visibility cap() {
        return cap;
    }
}
