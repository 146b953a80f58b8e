package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When a PATCH asks for no change at all, as a truth table over its four keys: a bulk update whose change is empty
 * is refused, as it names nothing to change. Pure: no Quarkus, no database.
 */
class SampleChangeTest {

    /**
     * {@code -} is an absent key ({@code null}); tags are space-separated, {@code []} is the empty tag list (which
     * clears the tags, so it is a change).
     */
    @ParameterizedTest(name = "visibility={0} setsProject={1} projectId={2} tags={3}: empty={4}")
    @CsvSource(nullValues = "-", textBlock = """
            # visibility, setsProject, projectId,        tags, empty
            -,            false,       -,                -,    true
            -,            false,       00000000000000p2, -,    true
            private,      false,       -,                -,    false
            public,       false,       -,                -,    false
            -,            true,        -,                -,    false
            -,            true,        00000000000000p2, -,    false
            -,            false,       -,                [],   false
            -,            false,       -,                a b,  false
            shared,       true,        00000000000000p2, a,    false
            """)
    void emptyTable(String visibility, boolean setsProject, String projectId, String tags, boolean empty) {
        SampleChange change = new SampleChange(visibility == null ? null : Visibility.fromWire(visibility).orElseThrow(),
                setsProject, projectId, tags == null ? null : tags.equals("[]") ? List.of() : List.of(tags.split(" ")));
        assertEquals(empty, change.isEmpty());
    }

    @Test
    void noneIsEmpty() {
        assertTrue(SampleChange.NONE.isEmpty());
    }

    /** The tag list is the caller's copy at construction: later edits of the list passed in change nothing. */
    @Test
    void tagsAreCopiedAndAbsentTagsStayAbsent() {
        List<String> tags = new ArrayList<>(List.of("a"));
        SampleChange change = new SampleChange(null, false, null, tags);
        tags.add("b");
        assertEquals(List.of("a"), change.tagIds());
        assertThrows(UnsupportedOperationException.class, () -> change.tagIds().add("c"));
        assertNull(new SampleChange(null, false, null, null).tagIds());
    }
}
