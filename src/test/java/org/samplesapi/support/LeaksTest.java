package org.samplesapi.support;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The leak check itself: it must catch what PostgreSQL and the JVM really say, and pass the service's own words. */
class LeaksTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "duplicate key value violates unique constraint \"projects_project_name_key\"",
        "insert or update on table \"samples\" violates foreign key constraint \"samples_project_id_fkey\"",
        "new row for relation \"samples\" violates check constraint \"samples_visibility_check\"",
        "relation \"sample_tags\" does not exist",
        "column \"visibilty\" does not exist",
        "syntax error at or near \"WHERE\"",
        "invalid input syntax for type integer: \"x\"",
        "current transaction is aborted, commands ignored until end of transaction block",
        "Cannot invoke \"String.length()\" because \"name\" is null",
        "Cannot read field \"id\" because \"<local1>\" is null",
        "Index 3 out of bounds for length 3",
        "class java.lang.String cannot be cast to class java.lang.Integer",
        "ERROR: deadlock detected"})
    void catchesWhatTheDatabaseAndTheJvmSay(String text) {
        assertThrows(AssertionError.class, () -> Leaks.assertClean("{\"status\": 400, \"message\": \"" + text + "\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Invalid request: 'visibility' must be one of private, shared, public",
        "Sample '5a00000000000001' not found",
        "Organization 'Northwind Clinical' holds PII: its samples stay private",
        "A project named 'soil' already exists",
        "Request body too large: at most 65536 bytes.",
        "Not acceptable: this API produces application/json."})
    void passesTheServicesOwnMessages(String text) {
        Leaks.assertClean("{\"status\": 400, \"message\": \"" + text + "\"}");
    }
}
