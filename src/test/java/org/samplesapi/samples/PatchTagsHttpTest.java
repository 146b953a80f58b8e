package org.samplesapi.samples;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.patch;
import static org.samplesapi.support.Api.refusedWithoutChange;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/** PATCH of tags: the array replaces the set, in the given order, duplicates collapse, only usable tags. */
@QuarkusTest
class PatchTagsHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);

    private static String ref(String tagId) {
        return "{\"$ref\": \"/api/v1/tags/" + tagId + "\"}";
    }

    @Test
    void tagsReplaceTheSetInOrderAndDuplicatesCollapse() {
        String wgs = World.tag(owner, "WGS");
        String isolate = World.tag(owner, "isolate");
        String old = World.tag(owner, "raw reads");
        String id = World.sample(owner, "private", "available", null, old);
        patch(Tokens.of(owner), id, "{\"tags\": [" + ref(isolate) + ", \"" + wgs + "\", " + ref(isolate) + "]}")
                .statusCode(200)
                .body("tags.$ref", contains("/api/v1/tags/" + isolate, "/api/v1/tags/" + wgs))
                .header("ETag", "\"2\"");
        assertEquals(List.of(isolate, wgs),
                Db.column("SELECT tag_id FROM sample_tags WHERE sample_id = ? ORDER BY position", id));
        assertEquals(0, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", id),
                "tags are not audited; only visibility and project are");
    }

    @Test
    void nullAndEmptyArrayClearTheTags() {
        String tag = World.tag(owner, "16S");
        String first = World.sample(owner, "private", "available", null, tag);
        String second = World.sample(owner, "private", "available", null, tag);
        patch(Tokens.of(owner), first, "{\"tags\": null}").statusCode(200).body("tags", empty());
        patch(Tokens.of(owner), second, "{\"tags\": []}").statusCode(200).body("tags", empty());
        assertEquals(0, Db.count("SELECT count(*) FROM sample_tags WHERE sample_id IN (?, ?)", first, second));
    }

    @Test
    void tagsOfTheSameOrganizationMayBeUsed() {
        User colleague = World.user(org);
        String theirs = World.tag(colleague, "amplicon");
        String id = World.sample(owner, "private");
        patch(Tokens.of(owner), id, "{\"tags\": [" + ref(theirs) + "]}").statusCode(200);
    }

    @Test
    void unknownOrForeignTagsAreNotFoundWithItem() {
        User stranger = World.user(World.openOrg());
        String foreign = World.tag(stranger, "secret project");
        String mine = World.tag(owner, "assembly");
        String id = World.sample(owner, "private", "available", null, mine);
        for (String tag : new String[] {foreign, World.newId()}) {
            refusedWithoutChange(id, () -> patch(Tokens.of(owner), id, "{\"tags\": [" + ref(mine) + ", " + ref(tag) + "]}"))
                    .statusCode(404)
                    .body("item.$type", equalTo("tags"))
                    .body("item.$id", equalTo(tag));
        }
    }

    @Test
    void tagsAlreadyOnTheSampleStayUsable() {
        User stranger = World.user(World.openOrg());
        String foreign = World.tag(stranger, "complex");
        String mine = World.tag(owner, "unclassified");
        String id = World.sample(owner, "private", "available", null, foreign);
        patch(Tokens.of(owner), id, "{\"tags\": [" + ref(foreign) + ", " + ref(mine) + "]}").statusCode(200);
    }

    @Test
    void refToAnotherResourceTypeIs400() {
        String project = World.project(owner, false);
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id,
                "{\"tags\": [{\"$ref\": \"/api/v1/projects/" + project + "\"}]}"))
                .statusCode(400)
                .body("errors[0].path[0]", equalTo("tags"))
                .body("errors[0].message", containsString("/api/v1/tags/"));
    }

    /** Every tag the caller can see (GET answers 200) may be referenced; here one seen on a public sample. */
    @Test
    void tagsSeenOnReadableSamplesMayBeUsed() {
        User stranger = World.user(World.openOrg());
        String seen = World.tag(stranger, "public thing");
        World.sample(stranger, "public", "available", null, seen);
        String id = World.sample(owner, "private");
        patch(Tokens.of(owner), id, "{\"tags\": [" + ref(seen) + "]}").statusCode(200);
    }

    @Test
    void tooManyTagsAre400() {
        String id = World.sample(owner, "private");
        String tags = IntStream.range(0, 257).mapToObj(i -> "\"" + World.newId() + "\"")
                .collect(Collectors.joining(","));
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id, "{\"tags\": [" + tags + "]}"))
                .statusCode(400)
                .body("errors[0].path[0]", equalTo("tags"));
    }
}
