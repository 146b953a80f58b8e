package org.samplesapi.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.World;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema fails closed on its own: a row that names no policy cannot publish, and ids minted in SQL are as
 * unguessable as {@link Ids#newId()}'s.
 */
@QuarkusTest
class FailClosedSchemaTest {

    @Test
    void anOrganizationOrAccountInsertedWithoutAPolicyIsPrivate() {
        String org = World.newId();
        String user = World.newId();
        Db.exec("INSERT INTO organizations (id, external_id, name) VALUES (?, ?, ?)", org, "ext-" + org, "Bare");
        Db.exec("INSERT INTO users (id, subject, organization_id) VALUES (?, ?, ?)", user, "sub-" + user, org);

        assertEquals("private", Db.value("SELECT max_visibility FROM organizations WHERE id = ?", org));
        assertEquals("private", Db.value("SELECT max_visibility FROM users WHERE id = ?", user));
    }

    @Test
    void idsMintedInSqlAreSixteenRandomHexDigits() {
        List<String> ids = Db.column("SELECT new_id() FROM generate_series(1, 2000)");
        Set<String> distinct = new HashSet<>(ids);
        assertEquals(2000, distinct.size(), "ids repeat");
        for (String id : ids) {
            assertTrue(id.matches("[0-9a-f]{16}"), id);
        }
        // Every position varies (a uuid's fixed version digit would not), so all 64 bits are random.
        for (int position = 0; position < 16; position++) {
            int at = position;
            assertTrue(ids.stream().map(id -> id.charAt(at)).distinct().count() > 8, "position " + at + " is fixed");
        }
        String definition = Db.value("SELECT prosrc FROM pg_proc WHERE proname = 'new_id'");
        assertTrue(definition.contains("gen_random_uuid()"), definition);
    }

    @Test
    void noStatementMintsIdsAnotherWay() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main"))) {
            List<Path> offenders = sources.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.readString(file).contains("random()");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(), offenders, "SQL ids come from new_id()");
        }
    }
}
