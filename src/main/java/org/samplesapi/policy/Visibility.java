package org.samplesapi.policy;

import java.util.Optional;

/**
 * Who may see a sample, from most private to most permissive. The declaration order is the ranking that the
 * sharing policies compare against, so do not reorder.
 */
public enum Visibility {
    PRIVATE("private"),
    SHARED("shared"),
    PUBLIC("public");

    private final String wireName;

    Visibility(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isMorePermissiveThan(Visibility other) {
        return compareTo(other) > 0;
    }

    public static Optional<Visibility> fromWire(String value) {
        for (Visibility v : values()) {
            if (v.wireName.equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
