package org.samplesapi.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Named placeholders become PostgreSQL's positional ones. Pure: no database. */
class PgStatementsTest {

    @Test
    void eachDistinctNameGetsOnePositionInOrderOfFirstUse() {
        PgStatements.Positional statement = PgStatements.Positional.of(
                "SELECT 1 FROM t WHERE a = :callerId AND (b = :org OR c = :callerId) AND d = :q1");
        assertEquals("SELECT 1 FROM t WHERE a = $1 AND (b = $2 OR c = $1) AND d = $3", statement.sql());
        assertEquals(List.of("callerId", "org", "q1"), statement.names());
    }

    @Test
    void castsAndArrayLiteralsAreNotPlaceholders() {
        PgStatements.Positional statement = PgStatements.Positional.of(
                "SELECT :id::text, CAST(:ids AS text[]), '{a,b}'::text[], x[1:2] FROM t");
        assertEquals("SELECT $1::text, CAST($2 AS text[]), '{a,b}'::text[], x[1:2] FROM t", statement.sql());
        assertEquals(List.of("id", "ids"), statement.names());
    }

    @Test
    void aStatementWithoutPlaceholdersIsUnchanged() {
        PgStatements.Positional statement = PgStatements.Positional.of("SELECT now()");
        assertEquals("SELECT now()", statement.sql());
        assertEquals(List.of(), statement.names());
    }
}
