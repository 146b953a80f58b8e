package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Backends;
import org.samplesapi.support.DemoUsers;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.Prerequisites;

/**
 * Schemathesis, the schema-driven fuzzer, against the packaged application: it reads the OpenAPI document the service
 * publishes, generates requests for every operation (from the examples, the schema's boundaries, at random, and as
 * chains of calls linked by the ids one answer gives the next), sends them with a real signed token, and holds every
 * answer to the document. The service runs with its own database and the README's demo data, so what the fuzzer
 * changes and deletes touches no other test.
 *
 * <p>The command comes from {@code SAMPLES_SCHEMATHESIS} ({@code .ci/run} installs the pinned version from PyPI and
 * sets it). Where it could not be installed, {@code .ci/run} says why in {@code SAMPLES_SCHEMATHESIS_UNAVAILABLE} and
 * this test is skipped with that reason; without either, it is skipped on a developer's machine and fails in CI.
 */
class SchemathesisIT {

    /** What every answer is held to. */
    static final String CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,"
            + "response_schema_conformance,response_headers_conformance";
    private static final Duration BUDGET = Duration.ofMinutes(8);
    private static final Path REPORTS = Path.of("target", "schemathesis");

    private static Backends backends;
    private static PackagedApp.Running service;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        String command = System.getenv("SAMPLES_SCHEMATHESIS");
        String unavailable = System.getenv("SAMPLES_SCHEMATHESIS_UNAVAILABLE");
        if (command == null || command.isBlank()) {
            Assumptions.assumeTrue(unavailable == null || unavailable.isBlank(), unavailable);
            Prerequisites.require(false, "Schemathesis (SAMPLES_SCHEMATHESIS, set by .ci/run)");
        }
        backends = Backends.start();
        Files.createDirectories(REPORTS);
        Path serviceLog = REPORTS.resolve("service.log");
        Map<String, String> settings = backends.settings();
        // The fuzzer's pace is not a caller's: the limits have their own tests.
        settings.put("SAMPLES_RATE_LIMIT_ENABLED", "false");
        service = PackagedApp.migrateAndStartReady(settings, serviceLog);
        try (InputStream script = SchemathesisIT.class.getResourceAsStream("/db/dev/afterMigrate__demo_data.sql");
                Connection connection = backends.postgres().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
        }
        base = service.endpoints().api();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    void everyAnswerToGeneratedRequestsConformsToTheDocument() throws Exception {
        Path output = REPORTS.resolve("run.txt");
        List<String> command = List.of(System.getenv("SAMPLES_SCHEMATHESIS"),
                "--config-file", Path.of("src", "test", "schemathesis", "schemathesis.toml").toString(), "--no-color",
                "run", base + "/q/openapi?format=json", "--url", base,
                "--header", "Authorization: Bearer " + DemoUsers.token("alice"),
                "--checks", CHECKS,
                "--max-examples", System.getProperty("schemathesis.max-examples", "50"),
                "--seed", System.getProperty("schemathesis.seed", "20261130"),
                "--request-timeout", "10",
                "--report", "junit", "--report-dir", REPORTS.toString());
        Process fuzzer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!fuzzer.waitFor(BUDGET.toSeconds(), TimeUnit.SECONDS)) {
            fuzzer.destroyForcibly();
            throw new AssertionError("Schemathesis did not finish within " + BUDGET + ":\n" + tail(output, 60));
        }
        String report = Files.readString(output);
        assertTrue(report.contains("generated"), "no summary from Schemathesis:\n" + tail(output, 60));
        assertEquals(0, fuzzer.exitValue(), "Schemathesis found answers that break the document:\n"
                + tail(output, 200) + "\n(the whole run: " + output + ", the service's log: " + service.log() + ")");
        assertTrue(service.process().isAlive(), "the service stopped during the run:\n"
                + Files.readString(service.log()));
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    }
}
