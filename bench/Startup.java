import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;

import com.sun.net.httpserver.HttpServer;

/**
 * Start-up benchmark (run by bench/startup.sh, compiled with PatchLoad, whose issuer it reuses). Migrates the
 * database once, then starts each variant STARTS times, one after the other: from process start to the first 200 of
 * /q/health/ready (polled every 5 ms), against the migrated database. Variants: the service with and without Flyway
 * at start (production ran it at start before migrations became a step of their own), the service on Java 25 with
 * the AOT cache when one was built, and the raw Vert.x baseline. Prints median, min and max per variant, their ratios to
 * the baseline, and what the phases cost: the JVM and class loading before Quarkus's own clock starts (total minus
 * the "started in" Quarkus logs), Quarkus's start (CDI, Hibernate, pools, HTTP), and Flyway (the difference of the
 * two service variants).
 */
public class Startup {

    static final int STARTS = Integer.getInteger("starts", 10);
    static final int PORT = Integer.getInteger("app.port", 8092);
    /** The service's management interface, where its readiness is asked (the baseline answers on PORT). */
    static final int MANAGEMENT_PORT = Integer.getInteger("management.port", 9092);
    static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    static final String WITH_FLYWAY = "service, Flyway at start";
    static final String WITHOUT_FLYWAY = "service, no Flyway at start";

    record Run(double readyMs, double quarkusMs) {
    }

    public static void main(String[] args) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench");
        HttpServer issuer = PatchLoad.startIssuer(key);
        String issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/bench";
        String java17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pgHostPortDb = PatchLoad.PG.substring("jdbc:postgresql://".length(), PatchLoad.PG.indexOf('?'));
        URI pg = URI.create("postgresql://" + pgHostPortDb);
        Map<String, String> env = Map.of(
                "SAMPLES_DB_URL", "postgresql://" + pgHostPortDb,
                "SAMPLES_DB_USER", "postgres", "SAMPLES_DB_PASSWORD", "postgres",
                "SAMPLES_OIDC_ISSUER", issuerUrl,
                "QUARKUS_HTTP_PORT", String.valueOf(PORT),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT));
        List<String> jar = List.of("-jar", "target/quarkus-app/quarkus-run.jar");
        try {
            // The schema, once: as the migration step of a deployment would.
            Process migration = service(java17, List.of(), jar, env, Map.of("SAMPLES_MIGRATE_AT_START", "true",
                    "QUARKUS_INIT_AND_EXIT", "true"), "startup-migration");
            if (migration.waitFor() != 0) {
                throw new IllegalStateException("the migration step failed; see target/bench/startup-migration.log");
            }

            Map<String, List<Run>> results = new LinkedHashMap<>();
            results.put(WITH_FLYWAY, starts(MANAGEMENT_PORT, () -> service(java17, List.of(), jar, env,
                    Map.of("SAMPLES_MIGRATE_AT_START", "true"), "startup-service")));
            results.put(WITHOUT_FLYWAY, starts(MANAGEMENT_PORT, () -> service(java17, List.of(), jar, env,
                    Map.of("SAMPLES_MIGRATE_AT_START", "false"), "startup-service")));
            String java25 = System.getProperty("aot.java", "");
            Path cache = Path.of("target/quarkus-app/app.aot");
            if (!java25.isBlank() && Files.exists(cache)) {
                // With the JVM image's collector: under G1, Java 25 cannot link the cache's adapters (and says so).
                results.put("Java 25 + AOT cache, serial GC", starts(MANAGEMENT_PORT, () -> service(java25,
                        List.of("-XX:+UseSerialGC", "-XX:AOTCache=" + cache), jar, env,
                        Map.of("SAMPLES_MIGRATE_AT_START", "false"), "startup-service")));
            } else {
                System.out.println("(no AOT cache variant: build with JDK 25, see bench/README.md)");
            }
            results.put("baseline", starts(PORT, () -> new ProcessBuilder(java17,
                    "-cp", "target/bench/startup:target/quarkus-app/lib/main/*:target/classes",
                    "-Dport=" + PORT, "-Dissuer=" + issuerUrl, "-Dpg.host=" + pg.getHost(),
                    "-Dpg.port=" + pg.getPort(), "-Dpg.database=" + pg.getPath().substring(1), "BaselineServer")
                    .redirectErrorStream(true).redirectOutput(new File("target/bench/startup-baseline.log")).start()));
            report(results);
        } finally {
            issuer.stop(0);
        }
    }

    interface Launcher {
        Process launch() throws Exception;
    }

    static Process service(String java, List<String> jvmOptions, List<String> jar, Map<String, String> env,
                           Map<String, String> extra, String log) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(jar);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/bench/" + log + ".log"));
        builder.environment().keySet().removeIf(name -> name.startsWith("SAMPLES_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        builder.environment().putAll(extra);
        return builder.start();
    }

    static List<Run> starts(int readinessPort, Launcher launcher) throws Exception {
        List<Run> runs = new ArrayList<>();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + readinessPort + "/q/health/ready"))
                .build();
        for (int i = 0; i < STARTS; i++) {
            long started = System.nanoTime();
            Process process = launcher.launch();
            double readyMs = -1;
            try {
                for (int poll = 0; poll < 12_000; poll++) {
                    try {
                        if (PatchLoad.HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            readyMs = (System.nanoTime() - started) / 1e6;
                            break;
                        }
                    } catch (java.io.IOException notYet) {
                        // not listening yet
                    }
                    if (!process.isAlive()) {
                        throw new IllegalStateException("exited with " + process.exitValue() + "; see target/bench/");
                    }
                    Thread.sleep(5);
                }
            } finally {
                process.destroy();
                process.waitFor();
            }
            if (readyMs < 0) {
                throw new IllegalStateException("not ready within a minute");
            }
            runs.add(new Run(readyMs, quarkusStartedIn()));
        }
        return runs;
    }

    /** The "started in" of the last service start, in ms (NaN for the baseline). */
    static double quarkusStartedIn() throws Exception {
        Path log = Path.of("target/bench/startup-service.log");
        if (!Files.exists(log)) {
            return Double.NaN;
        }
        Matcher m = STARTED_IN.matcher(Files.readString(log));
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1)) * 1000;
        }
        Files.delete(log);
        return last;
    }

    static void report(Map<String, List<Run>> results) {
        double baseline = median(results.get("baseline").stream().mapToDouble(Run::readyMs).toArray());
        System.out.printf("%nprocess start to a ready /q/health/ready, %d starts each, against a migrated database:%n",
                STARTS);
        results.forEach((name, runs) -> {
            double[] ready = runs.stream().mapToDouble(Run::readyMs).toArray();
            double[] quarkus = runs.stream().mapToDouble(Run::quarkusMs).filter(v -> !Double.isNaN(v)).toArray();
            System.out.printf("  %-30s median %6.0f ms (min %6.0f, max %6.0f), %.2fx the baseline", name,
                    median(ready), Arrays.stream(ready).min().orElse(0), Arrays.stream(ready).max().orElse(0),
                    median(ready) / baseline);
            if (quarkus.length > 0) {
                double[] before = new double[quarkus.length];
                for (int i = 0; i < quarkus.length; i++) {
                    before[i] = ready[i] - quarkus[i];
                }
                System.out.printf("; Quarkus's start %.0f ms, before it (JVM, class loading, bootstrap) %.0f ms",
                        median(quarkus), median(before));
            }
            System.out.println();
        });
        double without = median(results.get(WITHOUT_FLYWAY).stream().mapToDouble(Run::readyMs).toArray());
        double with = median(results.get(WITH_FLYWAY).stream().mapToDouble(Run::readyMs).toArray());
        System.out.printf("Flyway at start (validating an up-to-date schema) costs %.0f ms%n", with - without);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
