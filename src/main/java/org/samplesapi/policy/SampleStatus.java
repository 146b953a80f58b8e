package org.samplesapi.policy;

import java.util.Optional;

/** Life cycle of a sample as One Codex reports it; only the system moves a sample between these. */
public enum SampleStatus {
    AWAITING_DATA("awaiting_data"),
    IMPORTING("importing"),
    VALIDATING("validating"),
    FAILED_VALIDATION("failed_validation"),
    AVAILABLE("available"),
    DELETED("deleted");

    private final String wireName;

    SampleStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SampleStatus> fromWire(String value) {
        for (SampleStatus s : values()) {
            if (s.wireName.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
