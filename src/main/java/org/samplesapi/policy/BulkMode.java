package org.samplesapi.policy;

import java.util.Arrays;
import java.util.Optional;

/** What a bulk change does when some of its samples are refused. */
public enum BulkMode {
    /** One refusal and nothing changes. */
    ALL_OR_NOTHING("all_or_nothing"),
    /** The allowed samples change; the refused ones are listed. */
    APPLY_ALLOWED("apply_allowed");

    private final String wireName;

    BulkMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<BulkMode> fromWire(String text) {
        return Arrays.stream(values()).filter(mode -> mode.wireName.equals(text)).findFirst();
    }
}
