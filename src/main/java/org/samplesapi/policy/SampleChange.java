package org.samplesapi.policy;

import java.util.List;

/**
 * What a PATCH asks to change. Absent keys are {@code null} (or {@code setsProject == false}); they are left alone.
 *
 * @param visibility  the requested visibility, or {@code null} to keep it
 * @param setsProject whether the request names a project at all
 * @param projectId   the target project, or {@code null} (with {@code setsProject}) to take the sample out of its project
 * @param tagIds      the complete new tag set, without duplicates, or {@code null} to keep the tags
 */
public record SampleChange(Visibility visibility, boolean setsProject, String projectId, List<String> tagIds) {

    public static final SampleChange NONE = new SampleChange(null, false, null, null);

    public SampleChange {
        tagIds = tagIds == null ? null : List.copyOf(tagIds);
    }

    public boolean isEmpty() {
        return visibility == null && !setsProject && tagIds == null;
    }
}
