package org.samplesapi.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Management;
import org.samplesapi.support.Prerequisites;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The manifests in {@code k8s/} (the base, its components and the overlays) render with kustomize, parse into
 * fabric8's typed Kubernetes models with no unknown field (a misspelt key lands in {@code additionalProperties}), and
 * agree with the application they deploy: the ports and probe paths are the ones it serves (checked against the running
 * application), every setting is one it reads, the required ones are all there, credentials come from a Secret
 * reference, and the pod is locked down.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("k8s", "base");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "ServiceAccount", ServiceAccount.class,
            "ConfigMap", ConfigMap.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class,
            "Job", Job.class,
            "ServiceMonitor", ServiceMonitor.class);
    /** The kinds of the base; components may add others (the ServiceMonitor). */
    private static final Set<String> BASE_KINDS = KINDS.keySet().stream().filter(kind -> !kind.equals("ServiceMonitor"))
            .collect(Collectors.toSet());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void theBaseAndTheJvmVariantRenderIntoKnownKindsWithoutUnknownFields() throws Exception {
        List<HasMetadata> base = parse(render(BASE));
        assertEquals(BASE_KINDS, base.stream().map(HasMetadata::getKind).collect(Collectors.toSet()));
        base.forEach(KubernetesManifestsTest::assertNoUnknownFields);

        Path overlay = Path.of("target", "k8s-jvm-overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../../k8s/base]
                components: [../../k8s/components/jvm]
                """);
        List<HasMetadata> jvmManifests = parse(render(overlay));
        Deployment jvm = one(jvmManifests, Deployment.class);
        assertTrue(container(jvm).getImage().endsWith("-jvm"), container(jvm).getImage());
        Container jvmMigration = one(jvmManifests, Job.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(container(jvm).getImage(), jvmMigration.getImage(), "the migration runs the deployed image");
        assertEquals(container(jvm).getResources(), jvmMigration.getResources(), "and needs the JVM's memory");
        String image = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        for (String setting : List.of("JAVA_MAX_MEM_RATIO", "GC_CONTAINER_OPTIONS")) {
            String value = container(jvm).getEnv().stream().filter(e -> e.getName().equals(setting)).findFirst()
                    .orElseThrow(() -> new AssertionError(setting + " is not set for the JVM image")).getValue();
            assertTrue(image.contains(setting + "=" + value) || image.contains(setting + "=\"" + value + "\""),
                    setting + "=" + value + " in the component, and the image's default must be the same");
        }
        assertTrue(container(jvm).getResources().getLimits().get("memory").getNumericalAmount()
                .compareTo(container(one(base, Deployment.class)).getResources().getLimits().get("memory")
                        .getNumericalAmount()) > 0, "the JVM variant needs more memory than the native one");
    }

    /**
     * Each overlay renders into the known kinds without unknown fields; prod spreads its replicas, reaches a managed
     * database by address range and has Prometheus scrape it through a ServiceMonitor, dev reaches an in-cluster
     * identity provider on 8443; both keep DNS and the base's ingress, and each opens the management port to its own
     * monitoring namespace only.
     */
    @Test
    void everyOverlayRendersAndReachesWhatItSays() throws Exception {
        List<String> overlays;
        try (var entries = Files.list(Path.of("k8s", "overlays"))) {
            overlays = entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("dev", "prod"), overlays);
        Map<String, Set<String>> monitoring = Map.of("prod", Set.of("ServiceMonitor"), "dev", Set.of());
        Map<String, String> monitoringNamespaces = Map.of("prod", "monitoring", "dev", "observability");
        Map<String, List<HasMetadata>> rendered = new java.util.HashMap<>();
        Map<String, NetworkPolicy> policies = new java.util.HashMap<>();
        Map<String, Deployment> deployments = new java.util.HashMap<>();
        for (String name : overlays) {
            List<HasMetadata> manifests = parse(render(Path.of("k8s", "overlays", name)));
            Set<String> kinds = new HashSet<>(BASE_KINDS);
            kinds.addAll(monitoring.get(name));
            assertEquals(kinds, manifests.stream().map(HasMetadata::getKind).collect(Collectors.toSet()), name);
            manifests.forEach(KubernetesManifestsTest::assertNoUnknownFields);
            rendered.put(name, manifests);
            policies.put(name, one(manifests, NetworkPolicy.class));
            deployments.put(name, one(manifests, Deployment.class));
            NetworkPolicy policy = policies.get(name);
            assertEquals(Map.of(8080, "anyone", 9000, "namespace " + monitoringNamespaces.get(name)),
                    whoReaches(policy), name);
            assertEquals(53, policy.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal(), name);
        }
        ServiceMonitor scraping = one(rendered.get("prod"), ServiceMonitor.class);
        Service prodService = one(rendered.get("prod"), Service.class);
        assertTrue(prodService.getMetadata().getLabels().entrySet()
                .containsAll(scraping.getSpec().getSelector().getMatchLabels().entrySet()), "it selects the Service");
        assertEquals(1, scraping.getSpec().getEndpoints().size());
        var endpoint = scraping.getSpec().getEndpoints().get(0);
        assertTrue(prodService.getSpec().getPorts().stream().anyMatch(port -> port.getName().equals(endpoint.getPort())
                && port.getPort() == 9000), "it scrapes the Service's management port, not " + endpoint.getPort());
        Management.given().when().get(endpoint.getPath()).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("# TYPE jvm_memory_used_bytes gauge"));
        var prodDatabase = policies.get("prod").getSpec().getEgress().get(1);
        assertNotNull(prodDatabase.getTo().get(0).getIpBlock(), "prod reaches its database by address range");
        assertEquals(5432, prodDatabase.getPorts().get(0).getPort().getIntVal());
        assertEquals(List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), deployments.get("prod").getSpec()
                .getTemplate().getSpec().getTopologySpreadConstraints().stream().map(c -> c.getTopologyKey()).toList());
        var devIdentityProvider = policies.get("dev").getSpec().getEgress().get(2);
        assertNotNull(devIdentityProvider.getTo().get(0).getIpBlock(), "dev reaches Keycloak by address range");
        assertEquals(8443, devIdentityProvider.getPorts().get(0).getPort().getIntVal());
        assertTrue(policies.get("dev").getSpec().getEgress().get(1).getTo().get(0).getPodSelector().getMatchLabels()
                .containsKey("cnpg.io/cluster"), "dev keeps the base's database, CloudNativePG's pods");
    }

    /**
     * The API's port and the management port, the probes on the latter, are the ones the application serves; the
     * Service offers both, and the NetworkPolicy lets anyone reach the API and only the monitoring namespace the
     * management port.
     */
    /**
     * Both overlays reach their database over verified TLS: the server and the migration Job read the same mode and
     * CA file, and that file is the Secret's ca.crt, mounted read-only in both pods.
     */
    @Test
    void everyOverlayVerifiesItsDatabaseInTheServerAndTheMigration() throws Exception {
        for (String name : List.of("dev", "prod")) {
            List<HasMetadata> manifests = parse(render(Path.of("k8s", "overlays", name)));
            Map<String, String> settings = one(manifests, ConfigMap.class).getData();
            assertEquals("verify-full", settings.get("SAMPLES_DB_SSL_MODE"), name);
            Path caFile = Path.of(settings.get("SAMPLES_DB_SSL_ROOT_CERT"));
            PodSpec server = one(manifests, Deployment.class).getSpec().getTemplate().getSpec();
            PodSpec migration = one(manifests, Job.class).getSpec().getTemplate().getSpec();
            for (PodSpec pod : List.of(server, migration)) {
                Container container = pod.getContainers().get(0);
                var mount = container.getVolumeMounts().stream()
                        .filter(m -> caFile.getParent().equals(Path.of(m.getMountPath()))).findFirst()
                        .orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + caFile.getParent()
                                + " in " + container.getName()));
                assertEquals(Boolean.TRUE, mount.getReadOnly(), name);
                var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                        .orElseThrow();
                assertEquals("samples-api-db-ca", volume.getSecret().getSecretName(), name);
                assertEquals(List.of("ca.crt=" + caFile.getFileName()), volume.getSecret().getItems().stream()
                        .map(item -> item.getKey() + "=" + item.getPath()).toList(), name + ": the CA key stays out");
            }
        }
    }

    @Test
    void portsAndProbesAreWhatTheApplicationServes() throws Exception {
        List<HasMetadata> manifests = parse(render(BASE));
        Container container = container(one(manifests, Deployment.class));
        // Tests run on the test ports; in production the application listens on Quarkus's defaults, which our
        // configuration does not change.
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        for (String setting : List.of("quarkus.http.port=", "quarkus.management.port=")) {
            assertFalse(properties.contains(setting), setting + " moved a port: update the manifests and this test");
        }
        assertEquals(Map.of("http", 8080, "management", 9000), container.getPorts().stream()
                .collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort())));
        Map<String, HTTPGetAction> probes = Map.of(
                "/q/health/started", container.getStartupProbe().getHttpGet(),
                "/q/health/live", container.getLivenessProbe().getHttpGet(),
                "/q/health/ready", container.getReadinessProbe().getHttpGet());
        probes.forEach((path, probe) -> {
            assertEquals(path, probe.getPath());
            assertEquals("management", probe.getPort().getStrVal());
            Management.given().when().get(path).then().statusCode(200);
            given().when().get(path).then().statusCode(404);
        });
        Service service = one(manifests, Service.class);
        assertEquals(Map.of(8080, "http", 9000, "management"), service.getSpec().getPorts().stream()
                .collect(Collectors.toMap(p -> p.getPort(), p -> p.getTargetPort().getStrVal())));
        NetworkPolicy policy = one(manifests, NetworkPolicy.class);
        assertEquals(Map.of(8080, "anyone", 9000, "namespace monitoring"), whoReaches(policy));
        Set<Integer> egress = policy.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).collect(Collectors.toSet());
        assertEquals(Set.of(53, 5432, 443), egress, "egress only to DNS, PostgreSQL and the identity provider");
    }

    /** The base's, and those the overlays' components add to the ConfigMap (the JVM image's own are checked above). */
    @Test
    void everySettingIsOneTheApplicationReadsAndTheRequiredOnesAreThere() throws Exception {
        List<HasMetadata> manifests = parse(render(BASE));
        Container container = container(one(manifests, Deployment.class));
        Set<String> settings = new TreeSet<>(one(manifests, ConfigMap.class).getData().keySet());
        container.getEnv().stream().map(EnvVar::getName).forEach(settings::add);
        Set<String> everywhere = new TreeSet<>(settings);
        for (Path overlay : List.of(Path.of("k8s/overlays/dev"), Path.of("k8s/overlays/prod"))) {
            everywhere.addAll(one(parse(render(overlay)), ConfigMap.class).getData().keySet());
        }
        Set<String> readByTheApplication = settingsTheApplicationReads();
        String readme = Files.readString(Path.of("README.md"));
        for (String setting : everywhere) {
            assertTrue(readByTheApplication.contains(setting), setting + " is not a setting the application reads");
            assertTrue(readme.contains("`" + setting + "`"), setting + " is not documented in the README");
        }
        assertTrue(settings.containsAll(List.of("SAMPLES_DB_URL", "SAMPLES_DB_USER", "SAMPLES_DB_PASSWORD",
                "SAMPLES_OIDC_ISSUER")), "a required setting is missing: " + settings);
        for (String secret : List.of("SAMPLES_DB_USER", "SAMPLES_DB_PASSWORD")) {
            EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(secret)).findFirst().orElseThrow();
            assertNotNull(env.getValueFrom().getSecretKeyRef(), secret + " must come from a Secret reference");
        }
        assertTrue(manifests.stream().noneMatch(m -> "Secret".equals(m.getKind())), "no Secret values in k8s/");
        String image = container.getImage();
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        assertEquals(ConfigProvider.getConfig().getValue("quarkus.application.name", String.class),
                repository.substring(repository.lastIndexOf('/') + 1), "the image is named after the application");
    }

    /**
     * At the HPA's maximum, during a rollout, the pools and the migration step fit in PostgreSQL's default
     * max_connections with the README's headroom, and the README's table shows the manifests' numbers.
     */
    @Test
    void theConnectionBudgetFitsPostgresDefaults() throws Exception {
        List<HasMetadata> manifests = parse(render(BASE));
        int maxReplicas = one(manifests, HorizontalPodAutoscaler.class).getSpec().getMaxReplicas();
        int maxSurge = one(manifests, Deployment.class).getSpec().getStrategy().getRollingUpdate().getMaxSurge()
                .getIntVal();
        int pool = Integer.parseInt(one(manifests, ConfigMap.class).getData().get("SAMPLES_DB_POOL_SIZE"));
        int migration = ConfigProvider.getConfig().getValue("quarkus.datasource.migration.jdbc.max-size",
                Integer.class);
        int maxConnections = 100;
        int superuserReserved = 3;
        int headroom = 14;
        // Each replica holds its pool and one connection that listens for governance changes.
        int service = (maxReplicas + maxSurge) * (pool + 1);
        assertTrue(service + migration <= maxConnections - superuserReserved - headroom,
                "(" + maxReplicas + " + " + maxSurge + ") x (" + pool + " + 1) + " + migration + " connections leave less"
                        + " than " + headroom + " of " + maxConnections + " for operators");
        String readme = Files.readString(Path.of("README.md"));
        for (String row : List.of("(`maxReplicas` " + maxReplicas + ")", "(`maxSurge` " + maxSurge + ")",
                "`SAMPLES_DB_POOL_SIZE` " + pool + " + 1) | " + service + " |", "capped at " + migration + ") | "
                        + migration + " |", "| " + (maxConnections - superuserReserved - service - migration) + " |")) {
            assertTrue(readme.contains(row), "the README's connection budget does not show: " + row);
        }
    }

    /**
     * The Service, the PodDisruptionBudget and the NetworkPolicy select exactly this Deployment's pods (a policy or
     * budget without a selector governs all pods of the namespace, or none), and the NetworkPolicy's egress peers
     * select the database and DNS, not us.
     */
    @Test
    void selectorsMatchThePodsAndOnlyThem() throws Exception {
        List<HasMetadata> manifests = parse(render(BASE));
        Deployment deployment = one(manifests, Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertFalse(selector.isEmpty());
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "the Deployment selects its own pods");
        // The migration Job's pods (running, so ready as far as a Service knows) are neither served nor counted by the
        // budget, but the network policy holds them.
        Map<String, String> served = one(manifests, Service.class).getSpec().getSelector();
        assertEquals(served, one(manifests, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
        assertTrue(podLabels.entrySet().containsAll(served.entrySet()), "the Service selects the Deployment's pods");
        Map<String, String> jobPodLabels = one(manifests, Job.class).getSpec().getTemplate().getMetadata().getLabels();
        assertFalse(jobPodLabels.entrySet().containsAll(served.entrySet()), "the Service selects the Job's pods");
        NetworkPolicy policy = one(manifests, NetworkPolicy.class);
        Map<String, String> governed = policy.getSpec().getPodSelector().getMatchLabels();
        assertFalse(governed.isEmpty());
        assertTrue(podLabels.entrySet().containsAll(governed.entrySet()), "the network policy governs the server");
        assertTrue(jobPodLabels.entrySet().containsAll(governed.entrySet()), "and the migration");
        policy.getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream())
                .filter(peer -> peer.getPodSelector() != null)
                .forEach(peer -> assertFalse(peer.getPodSelector().getMatchLabels().keySet().stream()
                        .anyMatch(governed::containsKey), "an egress peer selects our own labels: " + peer));
        assertEquals(null, deployment.getSpec().getReplicas(), "the HorizontalPodAutoscaler owns the replica count");
    }

    @Test
    void thePodIsLockedDownAndStopsGracefully() throws Exception {
        List<HasMetadata> manifests = parse(render(BASE));
        PodSpec pod = one(manifests, Deployment.class).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals(Boolean.FALSE, one(manifests, ServiceAccount.class).getAutomountServiceAccountToken());
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
        Duration drain = Duration.parse("PT"
                + one(manifests, ConfigMap.class).getData().get("SAMPLES_SHUTDOWN_TIMEOUT"));
        assertTrue(pod.getTerminationGracePeriodSeconds() > preStop + drain.toSeconds(),
                "the grace period must outlast the preStop pause and the drain");
        assertEquals(1, one(manifests, PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal());
        assertTrue(one(manifests, HorizontalPodAutoscaler.class).getSpec().getMinReplicas() >= 2);
    }

    /**
     * The migrations run as a Job of the same image with the same settings, which migrates and exits (the replicas
     * do not migrate), locked down like the server, and removed some time after it finished so the next apply can
     * create it anew.
     */
    @Test
    void theMigrationJobRunsTheDeployedImageWithItsSettingsAndExits() throws Exception {
        List<HasMetadata> manifests = parse(render(BASE));
        Container server = container(one(manifests, Deployment.class));
        Job job = one(manifests, Job.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container migration = pod.getContainers().get(0);
        assertEquals(server.getImage(), migration.getImage());
        assertEquals(server.getEnvFrom(), migration.getEnvFrom());
        Map<String, EnvVar> env = migration.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertEquals("true", env.get("SAMPLES_MIGRATE_AT_START").getValue());
        assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT").getValue(), "the Job must exit once migrated");
        assertFalse(server.getEnv().stream().anyMatch(e -> e.getName().equals("SAMPLES_MIGRATE_AT_START")),
                "the replicas must not migrate");
        for (EnvVar secret : server.getEnv()) {
            assertEquals(secret, env.get(secret.getName()), "the Job differs from the server in " + secret.getName());
        }
        assertTrue(settingsTheApplicationReads().contains("SAMPLES_MIGRATE_AT_START"));
        String readme = Files.readString(Path.of("README.md"));
        for (String name : env.keySet()) {
            assertTrue(readme.contains("`" + name + "`"), name + " is not documented in the README");
        }
        assertEquals("OnFailure", pod.getRestartPolicy());
        assertNotNull(job.getSpec().getTtlSecondsAfterFinished());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals(server.getSecurityContext(), migration.getSecurityContext());
        assertEquals(server.getResources(), migration.getResources());
    }

    /**
     * Who each ingress port admits: {@code anyone}, or {@code namespace NAME} for a rule whose only peer is a whole
     * namespace picked by its name label. Any other rule shape fails, so a new peer is looked at, not waved through.
     */
    private static Map<Integer, String> whoReaches(NetworkPolicy policy) {
        Map<Integer, String> who = new java.util.TreeMap<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            String peers = rule.getFrom().isEmpty() ? "anyone"
                    : rule.getFrom().stream().map(KubernetesManifestsTest::namespace).collect(Collectors.joining(", "));
            rule.getPorts().forEach(port -> assertNull(who.put(port.getPort().getIntVal(), peers),
                    "two rules for " + port));
        }
        return who;
    }

    private static String namespace(NetworkPolicyPeer peer) {
        assertNull(peer.getIpBlock(), "an address range reaches in: " + peer);
        assertNull(peer.getPodSelector(), "a pod selector narrows or widens the namespace: " + peer);
        Map<String, String> labels = peer.getNamespaceSelector().getMatchLabels();
        assertEquals(Set.of("kubernetes.io/metadata.name"), labels.keySet(), "not one namespace by name: " + peer);
        assertTrue(peer.getNamespaceSelector().getMatchExpressions().isEmpty(), peer.toString());
        return "namespace " + labels.get("kubernetes.io/metadata.name");
    }

    /** What {@code kubectl kustomize} renders: images, labels and components applied, as a cluster would get them. */
    private static String render(Path kustomization) throws Exception {
        Prerequisites.requireCommand("kubectl");
        Path output = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize hung");
            }
            String rendered = Files.readString(output);
            assertEquals(0, process.exitValue(), rendered);
            return rendered;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<HasMetadata> parse(String yaml) throws IOException {
        List<HasMetadata> manifests = new ArrayList<>();
        try (var documents = YAML.readValues(YAML.getFactory().createParser(yaml), JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                Class<? extends HasMetadata> type = KINDS.get(document.path("kind").asText());
                assertNotNull(type, "unexpected kind " + document.path("kind"));
                manifests.add(YAML.treeToValue(document, type));
            }
        }
        return manifests;
    }

    /** Walks a fabric8 model object: every {@code additionalProperties} map in it must be empty. */
    private static void assertNoUnknownFields(Object model) {
        walk(model, "", new IdentityHashMap<>());
    }

    private static void walk(Object node, String path, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertTrue(value == null || ((Map<?, ?>) value).isEmpty(),
                        "unknown field(s) at " + path + ": " + value);
            } else {
                walk(value, path + "." + getter.getName().substring(3), seen);
            }
        }
    }

    /**
     * The environment variables the application reads: those application.properties expands ({@code ${NAME...}})
     * and the environment forms of the {@code samples.*} keys its code looks up.
     */
    private static Set<String> settingsTheApplicationReads() throws IOException {
        Set<String> names = new HashSet<>();
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Matcher expanded = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(properties);
        while (expanded.find()) {
            names.add(expanded.group(1));
        }
        Pattern key = Pattern.compile("\"(samples\\.[a-z0-9.-]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher found = key.matcher(Files.readString(source));
                while (found.find()) {
                    names.add(found.group(1).toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"));
                }
            }
        }
        return names;
    }

    private static <T> T one(List<HasMetadata> manifests, Class<T> type) {
        List<T> found = manifests.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertFalse(containers.isEmpty());
        return containers.get(0);
    }
}
