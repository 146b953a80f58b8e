package org.samplesapi.policy;

/**
 * The most permissive visibility an account or an organization allows for its samples. Holding PII caps it at
 * {@link Visibility#PRIVATE}, whatever the configured maximum says.
 *
 * @param holder         who the policy belongs to, named in denial messages (organization name or account e-mail)
 * @param mostPermissive the configured cap
 * @param holdsPii       whether the holder keeps personally identifiable information in its samples
 */
public record SharingPolicy(String holder, Visibility mostPermissive, boolean holdsPii) {

    /** The policy of an account or organization that set no restriction. */
    public static SharingPolicy unrestricted(String holder) {
        return new SharingPolicy(holder, Visibility.PUBLIC, false);
    }

    public Visibility cap() {
        return holdsPii ? Visibility.PRIVATE : mostPermissive;
    }

    public boolean allows(Visibility requested) {
        return !requested.isMorePermissiveThan(cap());
    }

    String describe() {
        return holdsPii
                ? "holds PII, so its samples may be at most private"
                : "allows samples to be at most " + mostPermissive.wireName();
    }
}
