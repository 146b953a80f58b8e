package org.samplesapi.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A requested change of a sharing policy (an organization's or an account's): each field {@code null} when the
 * request leaves it as it is.
 */
public record PolicyChange(Boolean holdsPii, Visibility maxVisibility) {

    /** One policy field that a change moves, with its old and new wire values. */
    public record FieldChange(String field, String oldValue, String newValue) {
    }

    public static final String HOLDS_PII = "holds_pii";
    public static final String MAX_VISIBILITY = "max_visibility";

    public SharingPolicy applyTo(SharingPolicy current) {
        return new SharingPolicy(current.holder(), maxVisibility == null ? current.mostPermissive() : maxVisibility,
                holdsPii == null ? current.holdsPii() : holdsPii);
    }

    /** The fields this change really moves, in a fixed order: a value equal to the current one is no change. */
    public List<FieldChange> fieldChanges(SharingPolicy current) {
        List<FieldChange> changes = new ArrayList<>(2);
        if (holdsPii != null && holdsPii != current.holdsPii()) {
            changes.add(new FieldChange(HOLDS_PII, String.valueOf(current.holdsPii()), String.valueOf(holdsPii)));
        }
        if (maxVisibility != null && maxVisibility != current.mostPermissive()) {
            changes.add(new FieldChange(MAX_VISIBILITY, current.mostPermissive().wireName(),
                    maxVisibility.wireName()));
        }
        return changes;
    }

    /**
     * The fields this change would loosen, described for a denial message; empty for a tightening or no change.
     * Each field is judged on its own: raising {@code max_visibility} loosens even while {@code holds_pii} keeps
     * the effective cap at private, because it takes effect the moment PII is no longer declared.
     */
    public List<String> loosenings(SharingPolicy current) {
        List<String> loosened = new ArrayList<>(2);
        if (Boolean.FALSE.equals(holdsPii) && current.holdsPii()) {
            loosened.add("holds_pii from true to false");
        }
        if (maxVisibility != null && maxVisibility.isMorePermissiveThan(current.mostPermissive())) {
            loosened.add("max_visibility from " + current.mostPermissive().wireName() + " to "
                    + maxVisibility.wireName());
        }
        return loosened;
    }
}
