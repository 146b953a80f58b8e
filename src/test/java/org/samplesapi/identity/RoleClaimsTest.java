package org.samplesapi.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.Json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which roles a token grants: token claims × configured paths → roles, read the way smallrye-jwt hands claims over
 * (JSON-P values). Pure: no Quarkus.
 */
class RoleClaimsTest {

    private static final List<String> DEFAULT_PATHS = List.of("groups", "roles", "realm_access/roles");

    private static final Map<String, Map<String, Object>> TOKENS = Map.of(
            "groups-and-realm", Map.of(
                    "groups", Json.createArrayBuilder().add("user").build(),
                    "realm_access", Json.createObjectBuilder()
                            .add("roles", Json.createArrayBuilder().add("org_admin")).build()),
            "realm-only", Map.of("realm_access", Json.createObjectBuilder()
                    .add("roles", Json.createArrayBuilder().add("user").add("org_admin")).build()),
            "empty-groups-and-realm", Map.of(
                    "groups", Json.createArrayBuilder().build(),
                    "realm_access", Json.createObjectBuilder()
                            .add("roles", Json.createArrayBuilder().add("org_admin")).build()),
            "string-with-space", Map.of("groups", Json.createValue("user org_admin")),
            "string", Map.of("roles", Json.createValue("org_admin")),
            "namespaced", Map.of("https://samples.example.com/roles", Json.createArrayBuilder().add("org_admin").build(),
                    "groups", Json.createArrayBuilder().add("user").build()),
            "numbers", Map.of("groups", Json.createArrayBuilder().add(1).add("").build(),
                    "roles", Json.createArrayBuilder().add("user").build()),
            "none", Map.of());

    @ParameterizedTest(name = "{0} read from {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            groups-and-realm       | default                                    | user
            realm-only             | default                                    | org_admin user
            empty-groups-and-realm | default                                    | org_admin
            string-with-space      | default                                    | user org_admin
            string                 | default                                    | org_admin
            namespaced             | default                                    | user
            namespaced             | "https://samples.example.com/roles",groups | org_admin
            namespaced             | https://samples.example.com/roles          | -
            numbers                | default                                    | user
            none                   | default                                    | -
            groups-and-realm       | realm_access/roles                         | org_admin
            groups-and-realm       | realm_access                               | -
            """)
    void theFirstPathThatHoldsRolesGivesThemAll(String token, String paths, String expected) {
        List<String> configured = paths.equals("default") ? DEFAULT_PATHS : Arrays.asList(paths.split(","));
        Set<String> roles = RoleClaims.first(configured, TOKENS.get(token)::get);
        // A string claim is one role: "user org_admin" is a role of that name, not two.
        Set<String> wanted = expected.equals("-") ? Set.of()
                : token.equals("string-with-space") ? Set.of(expected) : Set.of(expected.split(" "));
        assertEquals(new TreeSet<>(wanted), new TreeSet<>(roles));
    }
}
