package org.samplesapi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every error answer must be: JSON with {@code status} and a {@code message}, private to its caller, and free of
 * what would tell an attacker how the service is built (stack traces, class names, SQL, database names).
 */
public final class Leaks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Pattern> TELLS = List.of(
            Pattern.compile("exception", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bat [a-z]+\\.[a-z]+", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\b(java|jakarta|javax|io\\.quarkus|io\\.vertx|io\\.smallrye|org\\.hibernate|org\\.jboss"
                    + "|org\\.samplesapi|com\\.fasterxml|io\\.netty)\\.", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\b(select|insert|update|delete)\\b.+\\b(from|into|set|where)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("postgres|pg_|sqlstate|hibernate|vert\\.?x|quarkus|jackson|netty", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\.java:\\d+"),
            // PostgreSQL's own error texts, passed through from a failed statement.
            Pattern.compile("violates [a-z ]*constraint|duplicate key value|(relation|column|function|type) \"[^\"]*\""
                    + " does not exist|syntax error at or near|invalid input syntax for|value too long for type"
                    + "|current transaction is aborted|deadlock detected|could not serialize access",
                    Pattern.CASE_INSENSITIVE),
            // Java's helpful NullPointerException and other runtime texts.
            Pattern.compile("Cannot (invoke|read|load|store|assign|throw|enter|exit) \"|because \"[^\"]*\" is null"
                    + "|Index \\d+ out of bounds|cannot be cast to class"),
            Pattern.compile("\\b[A-Z][a-z]+[A-Z][A-Za-z]*[.#][a-z][A-Za-z]*\\("));

    private Leaks() {
    }

    /** Asserts the answer is a well-formed, leak-free JSON error with this status, and returns its body. */
    public static JsonNode error(Raw.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        return error(answer);
    }

    /** Asserts the answer is a well-formed, leak-free JSON error (any 4xx/5xx), and returns its body. */
    public static JsonNode error(Raw.Answer answer) {
        assertTrue(answer.status() >= 400, "not an error: " + answer.status() + " " + answer.body());
        String type = answer.header("Content-Type");
        assertNotNull(type, "no Content-Type on " + answer.status() + ": " + answer.body());
        assertEquals("application/json", type.split(";")[0].trim().toLowerCase(Locale.ROOT), answer.body());
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
        assertEquals(answer.status(), body.path("status").asInt(), answer.body());
        assertTrue(body.path("message").isTextual() && !body.path("message").asText().isBlank(), answer.body());
        assertClean(answer.body());
        assertEquals("private, no-store", answer.header("Cache-Control"), "Cache-Control on " + answer.body());
        return body;
    }

    public static void assertClean(String text) {
        for (Pattern tell : TELLS) {
            assertFalse(tell.matcher(text).find(), "leaks " + tell + ": " + text);
        }
    }
}
