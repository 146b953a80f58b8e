package org.samplesapi.policy;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a caller may do with a sample they can read, each as the decision a request would get: every visibility
 * they could set, changing its project or its tags, deleting it. A user interface offers only what is allowed, and
 * can say why the rest is not.
 *
 * @param visibility the decision for a PATCH to each visibility (the current one included)
 * @param project    whether the caller may change the sample's project (adding it to one also needs can_add_files
 *                   there, which depends on the project named)
 * @param tags       whether the caller may change its tags
 * @param delete     whether the caller may delete it
 */
public record SamplePermissions(Map<Visibility, Decision> visibility, Decision project, Decision tags,
                                Decision delete) {

    public SamplePermissions {
        visibility = Map.copyOf(visibility);
    }

    /** Asks {@link SamplePolicy} exactly what the corresponding requests would ask it. */
    public static SamplePermissions of(PatchContext context) {
        Map<Visibility, Decision> visibility = new EnumMap<>(Visibility.class);
        for (Visibility requested : Visibility.values()) {
            visibility.put(requested, SamplePolicy.decidePatch(context,
                    new SampleChange(requested, false, null, null)));
        }
        Decision modify = SamplePolicy.decideModify(context.caller(), context.sample());
        return new SamplePermissions(visibility, modify, modify, modify);
    }
}
