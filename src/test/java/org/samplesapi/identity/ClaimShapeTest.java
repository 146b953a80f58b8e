package org.samplesapi.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Organization claims as identity providers shape them, read the way smallrye-jwt hands them over (JSON-P values)
 * and as plain Java values: shape × claim → organization. Pure: no Quarkus.
 */
class ClaimShapeTest {

    private static final Map<String, Object> CLAIMS = Map.ofEntries(
            Map.entry("string", "acme"),
            Map.entry("json-string", Json.createValue("acme")),
            Map.entry("blank", " "),
            Map.entry("padded", Json.createValue(" acme")),
            Map.entry("array", Json.createArrayBuilder().add("acme").build()),
            Map.entry("java-list", List.of("acme")),
            Map.entry("array-of-two", Json.createArrayBuilder().add("acme").add("globex").build()),
            Map.entry("empty-array", Json.createArrayBuilder().build()),
            Map.entry("array-of-object", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "x")).build()),
            Map.entry("map", Json.createObjectBuilder().add("acme", Json.createObjectBuilder().add("id", "42")).build()),
            Map.entry("java-map", Map.of("acme", Map.of())),
            Map.entry("map-of-two", Json.createObjectBuilder().add("acme", "").add("globex", "").build()),
            Map.entry("number", Json.createValue(42)));

    @ParameterizedTest(name = "{0} of a {1} claim: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            AUTO,   string,          acme
            AUTO,   json-string,     acme
            AUTO,   blank,           ' '
            AUTO,   padded,          ' acme'
            AUTO,   array,           acme
            AUTO,   java-list,       acme
            AUTO,   array-of-two,    -
            AUTO,   empty-array,     -
            AUTO,   array-of-object, -
            AUTO,   map,             acme
            AUTO,   java-map,        acme
            AUTO,   map-of-two,      -
            AUTO,   number,          -
            AUTO,   absent,          -
            STRING, string,          acme
            STRING, json-string,     acme
            STRING, array,           -
            STRING, map,             -
            ARRAY,  array,           acme
            ARRAY,  java-list,       acme
            ARRAY,  string,          -
            ARRAY,  map,             -
            ARRAY,  array-of-two,    -
            MAP,    map,             acme
            MAP,    java-map,        acme
            MAP,    string,          -
            MAP,    array,           -
            MAP,    map-of-two,      -
            """)
    void organization(ClaimShape shape, String claim, String expected) {
        assertEquals(expected, shape.single(CLAIMS.get(claim)));
    }
}
