package org.samplesapi.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as the {@code *IT}s run it: the jar (or, when built with -Dnative, the native executable),
 * configured by environment variables only, as an operator would.
 */
public final class PackagedApp {

    private PackagedApp() {
    }

    /**
     * The native executable when the build made one; otherwise the jar, on the JVM running the tests, as the JVM image
     * runs it: with the image's collector and heap under k8s/components/jvm's memory limit, and with the AOT cache
     * when this build recorded one (Java 25 and later: the pom's aot-cache profile). Under G1 (the default here), Java
     * 25 warns on stdout, before the log's first JSON line, that it cannot link the cache's adapters; under the image's
     * collector it links them. Under the limit, the JVM's default initial heap is too small for the cache's archived
     * heap objects, and the JVM refuses to start (src/main/docker/Dockerfile.jvm).
     */
    public static List<String> command() {
        Path nativeExecutable = Path.of(System.getProperty("native.image.path", "target/none-runner"));
        if (Files.isExecutable(nativeExecutable)) {
            return List.of(nativeExecutable.toString());
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:MaxRAM=384m", "-XX:MaxRAMPercentage=40",
                "-XX:InitialRAMPercentage=10"));
        Path aotCache = Path.of(System.getProperty("samples.aot.cache", "target/quarkus-app/app.aot"));
        if (Runtime.version().feature() >= 25 && Files.isRegularFile(aotCache)) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        return command;
    }

    /**
     * The settings that connect the application to a local PostgreSQL (as its superuser) and a test issuer; callers add
     * their own to the map.
     */
    public static Map<String, String> settings(int databasePort, String issuerUrl) {
        return new HashMap<>(Map.of(
                "SAMPLES_DB_URL", "postgresql://127.0.0.1:" + databasePort + "/postgres",
                "SAMPLES_DB_USER", "postgres",
                "SAMPLES_DB_PASSWORD", "postgres",
                "SAMPLES_OIDC_ISSUER", issuerUrl));
    }

    /** Where a service listens: its API and its management interface (health and metrics). */
    public record Endpoints(String api, String management) {
    }

    /** Puts a free port for the API and one for the management interface into the settings, and says where they are. */
    public static Endpoints onFreePorts(Map<String, String> settings) throws IOException {
        int api = freePort();
        int management = freePort();
        settings.put("QUARKUS_HTTP_PORT", String.valueOf(api));
        settings.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        return new Endpoints("http://127.0.0.1:" + api, "http://127.0.0.1:" + management);
    }

    /** A service that became ready, where it listens, and its log; closing it stops it. */
    public record Running(Process process, Endpoints endpoints, Path log) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /**
     * Starts the application with these settings on free ports (the map is not changed) and waits until it is ready;
     * fails with its log if it is not within a minute.
     */
    public static Running startReady(Map<String, String> settings, Path log) throws IOException, InterruptedException {
        Map<String, String> listening = new HashMap<>(settings);
        Endpoints endpoints = onFreePorts(listening);
        Process process = start(listening, log);
        try {
            awaitStatus(endpoints.management() + "/q/health/ready", 200, process, log, Duration.ofSeconds(60));
        } catch (AssertionError | IOException | InterruptedException notReady) {
            stop(process);
            throw notReady;
        }
        return new Running(process, endpoints, log);
    }

    /** A process of the application with exactly these settings (none inherited), its output in {@code log}. */
    public static Process start(Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SAMPLES_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * The production migration step: the application with these settings, told to migrate and exit
     * ({@code SAMPLES_MIGRATE_AT_START}, {@code QUARKUS_INIT_AND_EXIT}). Fails unless it exits with 0 within 90 s.
     */
    public static void migrate(Map<String, String> environment, Path log) throws IOException, InterruptedException {
        if (migration(environment, log) != 0) {
            throw new AssertionError("the migration step failed: " + Files.readString(log));
        }
    }

    /** The migration step's exit code; fails unless it exits within 90 s. */
    public static int migration(Map<String, String> environment, Path log) throws IOException, InterruptedException {
        return exitCode(startMigration(environment, log), log);
    }

    /**
     * The migration step, started; {@link #exitCode} waits for it. It listens on ports of its own (any free ones),
     * so that it can run beside a service started with the same settings.
     */
    public static Process startMigration(Map<String, String> environment, Path log) throws IOException {
        Map<String, String> step = new HashMap<>(environment);
        step.put("SAMPLES_MIGRATE_AT_START", "true");
        step.put("QUARKUS_INIT_AND_EXIT", "true");
        step.put("QUARKUS_HTTP_PORT", "0");
        step.put("QUARKUS_MANAGEMENT_PORT", "0");
        return start(step, log);
    }

    /** The migration step's exit code; fails unless it exits within 90 s. */
    public static int exitCode(Process migration, Path log) throws IOException, InterruptedException {
        if (!migration.waitFor(90, TimeUnit.SECONDS)) {
            migration.destroyForcibly();
            throw new AssertionError("the migration step did not exit within 90 s: " + Files.readString(log));
        }
        return migration.exitValue();
    }

    /**
     * As a rollout runs them: the migration step and a service start at once, and the service becomes ready when the
     * migrations have run (a replica waits for its schema). Fails with the step's log if the step fails, and with the
     * service's if it is not ready within a minute. The service listens on free ports (the map is not changed).
     */
    public static Running migrateAndStartReady(Map<String, String> settings, Path log)
            throws IOException, InterruptedException {
        Map<String, String> listening = new HashMap<>(settings);
        Endpoints endpoints = onFreePorts(listening);
        Path migrationLog = Files.createTempFile("samples-migration", ".log");
        Process migration = startMigration(settings, migrationLog);
        Process process = start(listening, log);
        try {
            if (exitCode(migration, migrationLog) != 0) {
                throw new AssertionError("the migration step failed: " + Files.readString(migrationLog));
            }
            awaitStatus(endpoints.management() + "/q/health/ready", 200, process, log, Duration.ofSeconds(60));
        } catch (Exception | Error notReady) {
            migration.destroyForcibly();
            stop(process);
            throw notReady;
        }
        return new Running(process, endpoints, log);
    }

    /** SIGTERM (the service drains its requests), then kill if it is still running after 20 s. */
    public static void stop(Process service) throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /** Waits until {@code url} answers {@code status}; fails with the service's log if it stops or never does. */
    public static void awaitStatus(String url, int status, Process service, Path log, Duration patience)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service stopped:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " never answered " + status + ":\n" + Files.readString(log));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
