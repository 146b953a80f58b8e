package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * GET /api/v1/samples (+ /public, /organization): only readable samples are counted or returned, from the owner's,
 * a colleague's and a stranger's point of view; page and cursor paging; errors for bad queries.
 */
@QuarkusTest
class SampleListHttpTest {

    private Org org;
    private User owner;
    private User colleague;
    private User stranger;
    private String onlyOwners;
    private final List<String> privateSamples = new ArrayList<>();
    private final List<String> sharedSamples = new ArrayList<>();
    private final List<String> publicSamples = new ArrayList<>();
    private String deleted;

    @BeforeEach
    void world() {
        org = World.openOrg();
        owner = World.user(org);
        colleague = World.user(org);
        stranger = World.user(World.openOrg());
        for (int i = 0; i < 3; i++) {
            privateSamples.add(World.sample(owner, "private"));
            sharedSamples.add(World.sample(owner, "shared"));
            publicSamples.add(World.sample(owner, "public"));
        }
        deleted = World.sample(owner, "public", "deleted", null);
        onlyOwners = "{\"owner\": {\"$ref\": \"/api/v1/users/" + owner.id() + "\"}}";
    }

    private Set<String> ids(String path, User caller) {
        Response response = given().auth().oauth2(Tokens.of(caller)).queryParam("where", onlyOwners)
                .queryParam("per_page", 1000).get(path);
        assertEquals(200, response.statusCode(), response.asString());
        List<String> uris = response.jsonPath().getList("$uri");
        assertEquals(uris.size(), Integer.parseInt(response.header("X-Total-Count")), "count equals what is returned");
        Set<String> ids = new HashSet<>();
        uris.forEach(uri -> ids.add(uri.substring(uri.lastIndexOf('/') + 1)));
        return ids;
    }

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void theOwnerSeesAllTheirSamplesButDeletedOnes() {
        Set<String> all = union(privateSamples, union(sharedSamples, publicSamples).stream().toList());
        assertEquals(all, ids("/api/v1/samples", owner));
        assertEquals(all, ids("/api/v1/samples/organization", owner));
        assertEquals(new HashSet<>(publicSamples), ids("/api/v1/samples/public", owner));
    }

    @Test
    void aColleagueSeesSharedAndPublicSamples() {
        Set<String> visible = union(sharedSamples, publicSamples);
        assertEquals(visible, ids("/api/v1/samples", colleague));
        assertEquals(visible, ids("/api/v1/samples/organization", colleague));
    }

    @Test
    void anOrgAdminSeesEverySampleOfTheOrganization() {
        User admin = World.user(org);
        Response response = given().auth().oauth2(Tokens.admin(admin)).queryParam("where", onlyOwners)
                .get("/api/v1/samples/organization");
        assertEquals(9, response.jsonPath().getList("$uri").size());
        assertEquals("9", response.header("X-Total-Count"));
    }

    @Test
    void aStrangerSeesOnlyPublicSamples() {
        assertEquals(Set.of(), ids("/api/v1/samples", stranger));
        assertEquals(Set.of(), ids("/api/v1/samples/organization", stranger));
        assertEquals(new HashSet<>(publicSamples), ids("/api/v1/samples/public", stranger));
    }

    @Test
    void aProjectMemberFromElsewhereSeesTheProjectsSharedSamples() {
        String project = World.project(owner, false);
        World.member(project, stranger, "can_see_files");
        Db.exec("UPDATE samples SET project_id = ? WHERE id IN (?, ?)", project, sharedSamples.get(0),
                privateSamples.get(0));
        assertEquals(Set.of(sharedSamples.get(0)), ids("/api/v1/samples", stranger));
    }

    /**
     * The list filter and the read policy are two statements of one rule: they must agree on every sample, and the
     * metadata list (filtered by the same rule) on every record, for the owner, a colleague, an org admin and a
     * stranger who is in the sample's project.
     */
    @Test
    void listsAndGetAgreeOnWhoMayReadWhat() {
        String project = World.project(owner, false);
        World.member(project, stranger, "can_see_files");
        Db.exec("UPDATE samples SET project_id = ? WHERE id = ?", project, sharedSamples.get(1));
        List<String> every = new ArrayList<>(privateSamples);
        every.addAll(sharedSamples);
        every.addAll(publicSamples);
        every.add(deleted);
        User admin = World.user(org);
        Map<String, String> tokens = Map.of("owner", Tokens.of(owner), "colleague", Tokens.of(colleague),
                "admin", Tokens.admin(admin), "stranger", Tokens.of(stranger));
        tokens.forEach((who, token) -> {
            Set<String> listed = new HashSet<>();
            for (String path : List.of("/api/v1/samples", "/api/v1/samples/public", "/api/v1/samples/organization")) {
                List<String> uris = given().auth().oauth2(token).queryParam("where", onlyOwners)
                        .queryParam("per_page", 1000).get(path).then().statusCode(200).extract().path("$uri");
                uris.forEach(uri -> listed.add(uri.substring(uri.lastIndexOf('/') + 1)));
            }
            List<String> metadataUris = given().auth().oauth2(token).queryParam("per_page", 1000)
                    .queryParam("where", "{\"sample\": {\"$in\": " + every.stream()
                            .map(id -> "\"" + id + "\"").toList() + "}}")
                    .get("/api/v1/metadata").then().statusCode(200).extract().path("$uri");
            for (String id : every) {
                boolean readable = given().auth().oauth2(token).get("/api/v1/samples/{id}", id).statusCode() == 200;
                assertEquals(readable, listed.contains(id), "sample " + id + " listed for " + who);
                String metadata = Db.value("SELECT id FROM metadata WHERE sample_id = ?", id);
                assertEquals(readable, metadataUris.contains("/api/v1/metadata/" + metadata),
                        "metadata of " + id + " listed for " + who);
                assertEquals(readable ? 200 : 404, given().auth().oauth2(token)
                        .get("/api/v1/metadata/{id}", metadata).statusCode(), "metadata of " + id + " for " + who);
            }
        });
    }

    /**
     * A caller who comes to samples several ways (their own, their organization's, a project's, and some of these
     * two ways at once) gets every sample once, in list order, on cursor pages and numbered pages alike: each page
     * is assembled from the first rows of each way in (ListSearch.Scope#waysIn).
     */
    @Test
    void samplesReachedSeveralWaysArePagedOnceEachInListOrder() {
        User reader = World.user(org);
        String project = World.project(stranger, false);
        World.member(project, reader, "can_see_files");
        List<String> expected = new ArrayList<>(List.of(
                World.sample(reader, "private"), World.sample(reader, "shared", "available", project),
                World.sample(stranger, "shared", "available", project),
                World.sample(stranger, "public", "available", project)));
        expected.addAll(sharedSamples);
        expected.addAll(publicSamples);
        String twoWays = World.sample(owner, "shared", "available", project);
        expected.add(twoWays);
        // Interleave the ways in time, with a tie that the id must break.
        for (int i = 0; i < expected.size(); i++) {
            Db.exec("UPDATE samples SET created_at = timestamptz '2021-01-01 00:00:00+00' + ? * interval '1 hour'"
                    + " WHERE id = ?", (i * 7) % expected.size(), expected.get(i));
        }
        Db.exec("UPDATE samples SET created_at = (SELECT created_at FROM samples WHERE id = ?) WHERE id = ?",
                expected.get(0), twoWays);
        List<String> inOrder = Db.column("SELECT id FROM samples WHERE id = ANY (?) ORDER BY created_at DESC, id DESC",
                (Object) expected.toArray(String[]::new));
        String token = Tokens.of(reader);

        List<String> byCursor = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).header("X-Pagination-Style", "cursor").queryParam("per_page", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/samples");
            assertEquals(200, page.statusCode(), page.asString());
            page.jsonPath().getList("$uri", String.class).forEach(uri -> byCursor.add(uri.substring(uri.lastIndexOf('/') + 1)));
            cursor = page.header("X-Next-Cursor");
        } while (cursor != null);
        assertEquals(inOrder, byCursor);

        List<String> byPage = new ArrayList<>();
        for (int page = 1; page <= (inOrder.size() + 2) / 3; page++) {
            Response response = given().auth().oauth2(token).queryParam("per_page", 3).queryParam("page", page)
                    .get("/api/v1/samples");
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals(String.valueOf(inOrder.size()), response.header("X-Total-Count"));
            response.jsonPath().getList("$uri", String.class).forEach(uri -> byPage.add(uri.substring(uri.lastIndexOf('/') + 1)));
        }
        assertEquals(inOrder, byPage);
    }

    @Test
    void pagesCarryCountAndLinks() {
        Response first = given().auth().oauth2(Tokens.of(owner)).queryParam("where", onlyOwners)
                .queryParam("per_page", 4).queryParam("sort", "{\"created_at\": false}").get("/api/v1/samples");
        assertEquals(200, first.statusCode());
        assertEquals("9", first.header("X-Total-Count"));
        assertEquals(4, first.jsonPath().getList("$uri").size());
        Map<String, String> links = links(first);
        assertEquals(Set.of("self", "first", "next", "last"), links.keySet(), first.header("Link"));
        assertTrue(links.get("self").contains("page=1") && links.get("first").contains("page=1")
                && links.get("next").contains("page=2") && links.get("last").contains("page=3"), links.toString());
        // Every link keeps the query: following them pages through the same list.
        Response second = given().urlEncodingEnabled(false).auth().oauth2(Tokens.of(owner)).get(links.get("next"));
        assertEquals(200, second.statusCode(), second.asString());
        assertEquals("9", second.header("X-Total-Count"));
        assertEquals(Set.of("self", "first", "prev", "next", "last"), links(second).keySet(), second.header("Link"));
        assertTrue(links(second).get("prev").contains("page=1"), second.header("Link"));
        Response last = given().urlEncodingEnabled(false).auth().oauth2(Tokens.of(owner))
                .get(links(second).get("next"));
        assertEquals(200, last.statusCode(), last.asString());
        assertEquals("9", last.header("X-Total-Count"));
        assertEquals(Set.of("self", "first", "prev", "last"), links(last).keySet(), last.header("Link"));
        List<String> all = new ArrayList<>();
        for (Response page : List.of(first, second, last)) {
            all.addAll(page.jsonPath().getList("$uri", String.class));
        }
        assertEquals(9, new HashSet<>(all).size(), "the links paged through the caller's nine samples: " + all);
        given().auth().oauth2(Tokens.of(owner)).queryParam("where", onlyOwners).queryParam("per_page", 4)
                .queryParam("page", 4).get("/api/v1/samples").then().statusCode(404)
                .body("status", equalTo(404)).body("message", containsString("past the last page"));
    }

    /** A Link header's targets by relation. */
    private static Map<String, String> links(Response response) {
        Map<String, String> links = new HashMap<>();
        Matcher link = Pattern.compile("<([^>]*)>; rel=\"([a-z]+)\"").matcher(response.header("Link"));
        while (link.find()) {
            assertNull(links.put(link.group(2), link.group(1)), "two links of one relation: " + response.header("Link"));
        }
        return links;
    }

    @Test
    void cursorPagingVisitsEverySampleOnceEvenWhenSamplesAreAddedMeanwhile() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(Tokens.of(owner)).header("X-Pagination-Style", "cursor")
                    .queryParam("where", onlyOwners).queryParam("per_page", 2).queryParam("sort", "{}");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/samples");
            assertEquals(200, page.statusCode(), page.asString());
            assertNull(page.header("X-Total-Count"));
            List<String> uris = page.jsonPath().getList("$uri");
            seen.addAll(uris);
            cursor = page.header("X-Next-Cursor");
            if (pages++ == 0) {
                World.sample(owner, "private"); // newest: sorts before every page already served
            }
        } while (cursor != null);
        assertEquals(5, pages);
        assertEquals(9, seen.size());
        assertEquals(9, new HashSet<>(seen).size(), "no sample twice");
    }

    @Test
    void badQueriesAre400() {
        for (String[] query : new String[][] {
                {"where", "{not json"}, {"where", "[1]"}, {"where", "{\"secret\": 1}"},
                {"where", "{\"size\": {\"$regex\": \"x\"}}"}, {"where", "{\"size\": {\"$gt\": \"big\"}}"},
                {"where", "{\"created_at\": {\"$lt\": \"yesterday\"}}"},
                {"where", "{\"owner\": {\"$ref\": \"/api/v1/projects/0123456789abcdef\"}}"},
                {"where", "{\"tags\": \"x\"}"}, {"sort", "{\"secret\": true}"}, {"sort", "{\"size\": 1}"},
                {"per_page", "1001"}, {"per_page", "0"}, {"page", "0"}, {"cursor", "bm90IGEgY3Vyc29y"},
                {"page", "abc"}, {"per_page", "99999999999"}, {"where", "{\"filename\": \"a\\u0000b\"}"},
                {"where", "{\"created_at\": {\"$gt\": \"+999999999-12-31T23:59:59Z\"}}"}}) {
            given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(owner)).queryParam(query[0], query[1])
                    .get("/api/v1/samples").then().statusCode(400)
                    .body("status", equalTo(400))
                    .body("errors[0].path[0]", equalTo(query[0]));
        }
    }
}
