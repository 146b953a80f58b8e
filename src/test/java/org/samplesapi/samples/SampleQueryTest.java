package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The same where/sort cases answered by the API (page mode, and cursor mode one row at a time, so every row is a page boundary) and by an
 * independent SQL query written by hand with other constructs (LIKE/ILIKE, explicit NULLS ordering): the id lists
 * must be equal, in order.
 */
@QuarkusTest
class SampleQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private User owner;
    private String project;
    private String metadataOfFirst;
    private final List<String> samples = new ArrayList<>();
    private String t1;
    private String t2;
    private String t3;

    @BeforeEach
    void world() {
        owner = World.user(World.openOrg());
        project = World.project(owner, false);
        t1 = World.tag(owner, "WGS");
        t2 = World.tag(owner, "16S");
        t3 = World.tag(owner, "isolate");
        String[] filenames = {"SRR100.fastq.gz", "srr200.fastq", "ERR300.fastq.gz", null, "ERR400.FASTQ.GZ",
                "DRR500.fasta", "SRR600.fastq.gz", null, "err700.fastq.gz", "SRR800.bam", "SRR100.fastq.gz", "x"};
        Long[] sizes = {100L, 250_000_000L, null, 150_000_001L, 150_000_000L, 7L, null, 300_000_000L, 42L, 100L,
                99L, 150_000_002L};
        String[] visibilities = {"private", "shared", "public"};
        for (int i = 0; i < filenames.length; i++) {
            String[] tags = switch (i % 4) {
                case 0 -> new String[] {t1};
                case 1 -> new String[] {t1, t2};
                case 2 -> new String[] {t2, t3};
                default -> new String[] {};
            };
            String id = World.sample(owner, visibilities[i % 3], "available", i % 3 == 0 ? project : null, tags);
            Db.exec("UPDATE samples SET filename = ?, size = ?, created_at = timestamptz '2024-01-01 00:00:00+00'"
                    + " + ? * interval '1 hour' WHERE id = ?", filenames[i], sizes[i], (i * 7) % 12, id);
            samples.add(id);
        }
        metadataOfFirst = Db.value("SELECT id FROM metadata WHERE sample_id = ?", samples.get(0));
    }

    private void same(String where, String sort, String sqlCondition, String sqlOrder, Object... params) throws Exception {
        ObjectNode whereNode = (ObjectNode) JSON.readTree(where);
        whereNode.putObject("owner").put("$ref", "/api/v1/users/" + owner.id());
        List<Object> args = new ArrayList<>(List.of(owner.id()));
        args.addAll(List.of(params));
        List<String> expected = Db.column("SELECT s.id FROM samples s LEFT JOIN metadata m ON m.sample_id = s.id"
                + " WHERE s.owner_id = ? AND s.status <> 'deleted' AND (" + sqlCondition + ") ORDER BY " + sqlOrder,
                args.toArray());
        Response page = given().auth().oauth2(Tokens.of(owner)).queryParam("where", whereNode.toString())
                .queryParam("sort", sort).queryParam("per_page", 1000).get("/api/v1/samples");
        assertEquals(200, page.statusCode(), page.asString());
        assertEquals(expected, ids(page), "page mode: where=" + where + " sort=" + sort);
        assertEquals(String.valueOf(expected.size()), page.header("X-Total-Count"));

        List<String> viaCursor = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.of(owner)).header("X-Pagination-Style", "cursor")
                    .queryParam("where", whereNode.toString()).queryParam("sort", sort).queryParam("per_page", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response next = request.get("/api/v1/samples");
            assertEquals(200, next.statusCode(), next.asString());
            viaCursor.addAll(ids(next));
            cursor = next.header("X-Next-Cursor");
        } while (cursor != null);
        assertEquals(expected, viaCursor, "cursor mode: where=" + where + " sort=" + sort);
    }

    private static List<String> ids(Response response) {
        List<String> uris = response.jsonPath().getList("$uri");
        return uris.stream().map(uri -> uri.substring(uri.lastIndexOf('/') + 1)).toList();
    }

    @Test
    void defaultOrderIsNewestFirst() throws Exception {
        same("{}", "{}", "TRUE", "s.created_at DESC, s.id DESC");
    }

    @Test
    void textOperators() throws Exception {
        same("{\"filename\": {\"$icontains\": \"srr\"}}", "{\"filename\": false}",
                "s.filename ILIKE '%srr%'", "s.filename ASC NULLS LAST, s.id ASC");
        same("{\"filename\": {\"$contains\": \"SRR\"}}", "{}", "s.filename LIKE '%SRR%'", "s.created_at DESC, s.id DESC");
        same("{\"filename\": {\"$startswith\": \"ERR\"}}", "{}", "s.filename LIKE 'ERR%'", "s.created_at DESC, s.id DESC");
        same("{\"filename\": {\"$istartswith\": \"err\"}}", "{}", "s.filename ILIKE 'err%'",
                "s.created_at DESC, s.id DESC");
        same("{\"filename\": {\"$endswith\": \".fastq.gz\"}}", "{}", "s.filename LIKE '%.fastq.gz'",
                "s.created_at DESC, s.id DESC");
        same("{\"filename\": {\"$iendswith\": \".FASTQ.GZ\"}}", "{}", "s.filename ILIKE '%.fastq.gz'",
                "s.created_at DESC, s.id DESC");
        same("{\"filename\": \"SRR100.fastq.gz\"}", "{}", "s.filename = 'SRR100.fastq.gz'", "s.created_at DESC, s.id DESC");
        same("{\"filename\": {\"$ne\": \"SRR100.fastq.gz\"}}", "{}", "s.filename <> 'SRR100.fastq.gz'",
                "s.created_at DESC, s.id DESC");
        same("{\"filename\": null}", "{}", "s.filename IS NULL", "s.created_at DESC, s.id DESC");
        same("{\"filename\": {\"$in\": [\"x\", \"DRR500.fasta\", \"nope\"]}}", "{}",
                "s.filename IN ('x', 'DRR500.fasta')", "s.created_at DESC, s.id DESC");
    }

    @Test
    void numbersAndNullsSortAsTheLargestValues() throws Exception {
        same("{\"size\": {\"$gt\": 150000000}}", "{\"size\": true}", "s.size > 150000000",
                "s.size DESC, s.id DESC");
        same("{\"size\": {\"$lte\": 100}}", "{\"size\": false}", "s.size <= 100", "s.size ASC, s.id ASC");
        same("{}", "{\"size\": false}", "TRUE", "s.size ASC NULLS LAST, s.id ASC");
        same("{}", "{\"size\": true}", "TRUE", "s.size DESC NULLS FIRST, s.id DESC");
        same("{\"size\": null}", "{\"created_at\": false}", "s.size IS NULL", "s.created_at ASC, s.id ASC");
        same("{\"size\": {\"$in\": [100, 7]}}", "{}", "s.size IN (100, 7)", "s.created_at DESC, s.id DESC");
    }

    @Test
    void multiKeySortsWithMixedDirections() throws Exception {
        same("{\"visibility\": {\"$in\": [\"shared\", \"public\"]}}", "{\"visibility\": false, \"size\": true}",
                "s.visibility IN ('shared', 'public')", "s.visibility ASC, s.size DESC NULLS FIRST, s.id DESC");
        same("{}", "{\"filename\": true, \"created_at\": false}", "TRUE",
                "s.filename DESC NULLS FIRST, s.created_at ASC, s.id ASC");
        same("{}", "{\"project\": false, \"size\": false}", "TRUE",
                "s.project_id ASC NULLS LAST, s.size ASC NULLS LAST, s.id ASC");
    }

    @Test
    void timestampsAndReferences() throws Exception {
        same("{\"created_at\": {\"$between\": [\"2024-01-01T03:00:00+00:00\", \"2024-01-01T07:00:00Z\"]}}",
                "{\"created_at\": false}",
                "s.created_at >= timestamptz '2024-01-01 03:00:00+00' AND s.created_at <= timestamptz '2024-01-01 07:00:00+00'",
                "s.created_at ASC, s.id ASC");
        same("{\"created_at\": {\"$gte\": \"2024-01-01T08:00:00+00:00\"}}", "{}",
                "s.created_at >= timestamptz '2024-01-01 08:00:00+00'", "s.created_at DESC, s.id DESC");
        same("{\"project\": {\"$ref\": \"/api/v1/projects/" + project + "\"}}", "{}", "s.project_id = ?",
                "s.created_at DESC, s.id DESC", project);
        same("{\"project\": null}", "{}", "s.project_id IS NULL", "s.created_at DESC, s.id DESC");
        same("{\"$uri\": {\"$in\": [\"/api/v1/samples/" + samples.get(2) + "\", \"/api/v1/samples/" + samples.get(5)
                + "\"]}}", "{}", "s.id IN (?, ?)", "s.created_at DESC, s.id DESC", samples.get(2), samples.get(5));
        same("{\"metadata\": {\"$eq\": {\"$ref\": \"/api/v1/metadata/" + metadataOfFirst + "\"}}}", "{}",
                "m.id = ?", "s.created_at DESC, s.id DESC", metadataOfFirst);
    }

    @Test
    void tagOperators() throws Exception {
        assertFalse(t1.equals(t2));
        same("{\"tags\": {\"$contains\": {\"$ref\": \"/api/v1/tags/" + t1 + "\"}}}", "{}",
                "s.id IN (SELECT sample_id FROM sample_tags WHERE tag_id = ?)", "s.created_at DESC, s.id DESC", t1);
        same("{\"tags\": {\"$containsall\": [{\"$ref\": \"/api/v1/tags/" + t1 + "\"}, {\"$ref\": \"/api/v1/tags/" + t2
                + "\"}]}}", "{}",
                "s.id IN (SELECT sample_id FROM sample_tags WHERE tag_id = ?) AND"
                        + " s.id IN (SELECT sample_id FROM sample_tags WHERE tag_id = ?)",
                "s.created_at DESC, s.id DESC", t1, t2);
        same("{\"tags\": {\"$containsall\": [\"" + t2 + "\", {\"$ref\": \"/api/v1/tags/" + t2 + "\"}]}}", "{}",
                "s.id IN (SELECT sample_id FROM sample_tags WHERE tag_id = ?)", "s.created_at DESC, s.id DESC", t2);
        same("{\"tags\": {\"$containsany\": [{\"$ref\": \"/api/v1/tags/" + t1 + "\"}, {\"$ref\": \"/api/v1/tags/" + t3
                + "\"}]}}", "{\"size\": false}",
                "s.id IN (SELECT sample_id FROM sample_tags WHERE tag_id IN (?, ?))", "s.size ASC NULLS LAST, s.id ASC",
                t1, t3);
    }
}
