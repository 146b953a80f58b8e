package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The missing items a denial names, with Potion's {@code $type} for each. Pure: no Quarkus, no database. */
class ItemRefTest {

    @Test
    void eachFactoryNamesItsType() {
        assertEquals(new ItemRef("projects", "00000000000000p2"), ItemRef.project("00000000000000p2"));
        assertEquals(new ItemRef("tags", "00000000000000t1"), ItemRef.tag("00000000000000t1"));
        assertEquals(new ItemRef("organizations", "00000000000000aa"), ItemRef.organization("00000000000000aa"));
    }
}
