package dev.safesend.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.schemas.topic.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests under k8s/ rendered offline (base, dev, prod) and checked against the Kubernetes model and the CRD
 * schemas, then against what the services and docs need: probes, non-root, read-only root filesystem, resources sized
 * from the measured RSS, every %prod environment variable provided, the topics as designed, a NetworkPolicy for every
 * flow of docs/architecture.md.
 */
class KubernetesManifestsTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = REPO.resolve("k8s");
    static final List<String> SERVICES = List.of("ingest-service", "dispatch-service", "consent-service",
            "health-monitor-service", "analytics-service");
    /** What a JVM uses beside its heap, measured: RSS = heap cap + about 200 MB (consent-service/README.md, "Memory"). */
    static final long NON_HEAP_BYTES = 200L * 1024 * 1024;

    private static final Map<String, List<Map<String, Object>>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rendering of base, dev or prod, once per run (tests that change an object change a copy). */
    static List<Map<String, Object>> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> List.copyOf(
                Kustomize.render(o.equals("base") ? K8S.resolve("base") : K8S.resolve("overlays").resolve(o))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyObjectIsValidAgainstItsSchema(String overlay) {
        List<Map<String, Object>> objects = render(overlay);
        assertThat(objects).hasSizeGreaterThan(50);
        List<String> problems = objects.stream().flatMap(o -> ManifestSchemas.problems(o).stream()).toList();
        assertThat(problems).isEmpty();
        Set<String> ids = new HashSet<>();
        objects.forEach(o -> assertThat(ids.add(o.get("kind") + "/" + Kustomize.name(o))).as("duplicate %s", Kustomize.name(o)).isTrue());
    }

    @Test
    void theSchemaCheckCatchesUnknownFieldsWrongTypesAndMissingRequiredFields() {
        Map<String, Object> deployment = copy(workload(render("base"), "ingest-service"));
        spec(deployment).put("replica", 3);
        assertThat(ManifestSchemas.problems(deployment)).singleElement().asString().contains("unknown field(s) [replica]");
        Map<String, Object> badType = copy(workload(render("base"), "ingest-service"));
        spec(badType).put("replicas", "three");
        assertThat(ManifestSchemas.problems(badType)).isNotEmpty();
        Map<String, Object> topic = copy(kafkaTopic(render("base"), "wa.outbound.bulk.v1"));
        spec(topic).put("partitions", 0);
        assertThat(ManifestSchemas.problems(topic)).isNotEmpty();
        Map<String, Object> scaled = copy(objects(render("base"), "ScaledObject").get(0));
        spec(scaled).remove("scaleTargetRef");
        assertThat(ManifestSchemas.problems(scaled)).anyMatch(p -> p.contains("scaleTargetRef"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    @SuppressWarnings("unchecked")
    void everyWorkloadIsProbedNonRootReadOnlyAndSized(String overlay) {
        List<Map<String, Object>> objects = render(overlay);
        List<Map<String, Object>> workloads = workloads(objects);
        assertThat(workloads).extracting(Kustomize::name).containsAll(SERVICES);
        for (Map<String, Object> w : workloads) {
            String name = Kustomize.name(w);
            Map<String, Object> pod = podSpec(w);
            Map<String, Object> podSecurity = (Map<String, Object>) pod.get("securityContext");
            assertThat(podSecurity).as(name).containsEntry("runAsNonRoot", true);
            assertThat((Integer) podSecurity.get("runAsUser")).as(name).isPositive();
            assertThat(pod).as(name).containsEntry("automountServiceAccountToken", false);
            Map<String, Object> c = container(w);
            if (overlay.equals("base")) {
                assertThat(c.get("image")).as(name).isEqualTo("safesend/" + name);
            } else {
                assertThat((String) c.get("image")).as(name + " has its image and a tag").contains("safesend/" + name).matches(".+:[^/]+$");
            }
            Map<String, Object> security = (Map<String, Object>) c.get("securityContext");
            assertThat(security).as(name).containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
            assertThat((List<String>) ((Map<String, Object>) security.get("capabilities")).get("drop")).as(name).contains("ALL");
            // /tmp stays writable (Vert.x and Kafka's native libraries unpack there)
            String tmpVolume = ((List<Map<String, Object>>) c.get("volumeMounts")).stream()
                    .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> (String) m.get("name")).findFirst().orElseThrow();
            assertThat(((List<Map<String, Object>>) pod.get("volumes")).stream()
                    .filter(v -> tmpVolume.equals(v.get("name"))).findFirst().orElseThrow()).as(name).containsKey("emptyDir");
            // probes on the port the service listens on
            int port = (Integer) ((List<Map<String, Object>>) c.get("ports")).stream()
                    .filter(p -> "http".equals(p.get("name"))).findFirst().orElseThrow().get("containerPort");
            assertThat(port).as(name + " port").isEqualTo(httpPort(name));
            assertThat(probePath(c, "livenessProbe")).as(name).isEqualTo("/q/health/live");
            assertThat(probePath(c, "readinessProbe")).as(name).isEqualTo("/q/health/ready");
            assertThat(probePath(c, "startupProbe")).as(name).isEqualTo("/q/health/started");
            // memory: the limit holds the heap cap plus the measured non-heap part
            Map<String, Object> resources = (Map<String, Object>) c.get("resources");
            Map<String, Object> requests = (Map<String, Object>) resources.get("requests");
            Map<String, Object> limits = (Map<String, Object>) resources.get("limits");
            assertThat(requests).as(name).containsKeys("cpu", "memory");
            long limit = bytes((String) limits.get("memory"));
            assertThat(bytes((String) requests.get("memory"))).as(name).isLessThanOrEqualTo(limit);
            long heap = heapCap(objects, w);
            assertThat(limit).as(name + ": memory limit vs -Xmx + non-heap").isGreaterThanOrEqualTo(heap + NON_HEAP_BYTES);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyProdEnvironmentVariableOfEveryServiceIsProvided(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        List<String> services = new ArrayList<>(SERVICES);
        if (overlay.equals("dev")) {
            services.add("cloud-api-simulator");
        }
        for (String service : services) {
            Map<String, Object> w = workload(objects, service);
            Set<String> needed = prodVariables(service);
            assertThat(needed).as(service).isNotEmpty();
            Set<String> provided = providedVariables(objects, w);
            Set<String> missing = new TreeSet<>(needed);
            missing.removeAll(provided);
            // HOSTNAME is the pod's name, set by Kubernetes; stable across restarts only in a StatefulSet, which a Kafka
            // group.instance.id needs (ingest's intake beats only need it unique)
            if (missing.remove("HOSTNAME") && prodLines(service).stream().anyMatch(l -> l.contains("${HOSTNAME") && l.contains("instance.id"))) {
                assertThat(w.get("kind")).as(service + " uses HOSTNAME as its Kafka group.instance.id").isEqualTo("StatefulSet");
            }
            assertThat(missing).as(service + ": %prod variables no manifest provides").isEmpty();
        }
        assertThat(objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))).map(Object::toString))
                .as("a placeholder the overlay must replace").noneMatch(s -> s.contains("set-in-overlay"));
    }

    @Test
    void theEnvironmentCheckNoticesAMissingVariable() throws IOException {
        List<Map<String, Object>> objects = render("prod");
        Map<String, Object> w = copy(workload(objects, "consent-service"));
        List<?> env = (List<?>) container(w).get("env");
        env.removeIf(e -> "CONSENT_PHONE_HASH_SALT".equals(((Map<?, ?>) e).get("name")));
        assertThat(prodVariables("consent-service")).contains("CONSENT_PHONE_HASH_SALT");
        assertThat(providedVariables(objects, w)).doesNotContain("CONSENT_PHONE_HASH_SALT").contains("DB_URL", "DB_PASSWORD");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTopicOfTheCatalogueHasAKafkaTopicAndADeadLetterTopicAsDesigned() throws IOException {
        List<Map<String, Object>> objects = render("prod");
        Set<String> catalogue = cataloguedTopics();
        assertThat(catalogue).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(Topics.values()).map(Topics::topicName).toList());
        Map<String, List<String>> readme = readmeTopicTable();
        for (Topics t : Topics.values()) {
            Map<String, Object> topic = kafkaTopic(objects, t.topicName());
            Map<String, Object> config = (Map<String, Object>) spec(topic).get("config");
            assertThat(config.get("cleanup.policy")).as(t.topicName()).isEqualTo(t.compacted() ? "compact" : "delete");
            assertThat(spec(topic)).as(t.topicName()).containsEntry("replicas", 3);
            assertThat(config).as(t.topicName()).containsEntry("min.insync.replicas", 2);
            Map<String, Object> dlq = kafkaTopic(objects, t.dlqName());
            long dlqRetention = ((Number) ((Map<String, Object>) spec(dlq).get("config")).get("retention.ms")).longValue();
            if (!t.compacted()) {
                assertThat(dlqRetention).as(t.dlqName() + " outlives its topic").isGreaterThanOrEqualTo(((Number) config.get("retention.ms")).longValue());
            }
            List<String> row = readme.get(t.topicName());
            assertThat(row).as("k8s/README.md's topic table names " + t.topicName()).isNotNull();
            assertThat(row.get(0)).as(t.topicName() + " partitions in README").isEqualTo(String.valueOf(spec(topic).get("partitions")));
            assertThat(row.get(1)).as(t.topicName() + " cleanup in README").isEqualTo(config.get("cleanup.policy"));
            if (!t.compacted()) {
                assertThat(row.get(2)).isEqualTo(((Number) config.get("retention.ms")).longValue() / 86_400_000L + " days");
            }
            assertThat(row.get(3)).contains(t.dlqName()).contains(spec(dlq).get("partitions") + " partition")
                    .contains(dlqRetention / 86_400_000L + " days");
        }
        assertThat(objects(objects, "KafkaTopic")).hasSize(Topics.values().length * 2);
        // dispatch's lanes take partition i of both outbound topics together (RangeAssignor): equal counts
        Object urgent = spec(kafkaTopic(objects, Topics.OUTBOUND_URGENT.topicName())).get("partitions");
        assertThat(spec(kafkaTopic(objects, Topics.OUTBOUND_BULK.topicName())).get("partitions")).isEqualTo(urgent);
        Map<String, Object> scaled = objects(objects, "ScaledObject").get(0);
        assertThat((Integer) spec(scaled).get("maxReplicaCount")).as("dispatch never has more instances than lane partitions")
                .isLessThanOrEqualTo((Integer) urgent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void networkPoliciesDenyByDefaultAndAllowTheArchitecturesFlows(String overlay) {
        List<Map<String, Object>> objects = render(overlay);
        List<Map<String, Object>> policies = objects(objects, "NetworkPolicy");
        assertThat(policies).anyMatch(p -> spec(p).get("ingress") == null && spec(p).get("egress") == null
                && ((List<String>) spec(p).get("policyTypes")).containsAll(List.of("Ingress", "Egress")));
        for (Map<String, Object> w : workloads(objects)) {
            String name = Kustomize.name(w);
            assertThat(policies).as(name + " has its own policy").anyMatch(p -> name.equals(((Map<String, Object>) ((Map<String, Object>)
                    spec(p).get("podSelector")).getOrDefault("matchLabels", Map.of())).get("app.kubernetes.io/name"))
                    && ((List<String>) spec(p).get("policyTypes")).containsAll(List.of("Ingress", "Egress")));
            assertThat(allowsIngress(policies, name, "monitoring", httpPort(name))).as(name + " scraped by Prometheus").isTrue();
            assertThat(egressPorts(policies, name)).as(name + " reaches DNS").contains(53);
        }
        // every REST client URL a ConfigMap gives a service, to another service of the platform, is an allowed flow
        List<String[]> flows = new ArrayList<>();
        for (Map<String, Object> w : workloads(objects)) {
            String caller = Kustomize.name(w);
            for (String value : configValues(objects, w)) {
                if (value.startsWith("http://")) {
                    URI uri = URI.create(value);
                    workloads(objects).stream().map(Kustomize::name).filter(uri.getHost()::equals).findFirst()
                            .ifPresent(callee -> flows.add(new String[] {caller, callee, String.valueOf(uri.getPort())}));
                }
            }
        }
        assertThat(flows).extracting(f -> f[0] + "->" + f[1]).contains("ingest-service->consent-service",
                "ingest-service->dispatch-service", "health-monitor-service->dispatch-service");
        for (String[] f : flows) {
            int port = Integer.parseInt(f[2]);
            assertThat(egressAllowed(policies, f[0], f[1], port)).as(f[0] + " may call " + f[1]).isTrue();
            assertThat(ingressAllowed(policies, f[1], f[0], port)).as(f[1] + " accepts " + f[0]).isTrue();
        }
        // only dispatch, ingest and health-monitor call Meta (HTTPS out of the cluster) besides the OIDC keys: every
        // service may reach 443, and nothing may reach any other port outside the cluster
        for (Map<String, Object> p : policies) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) spec(p).getOrDefault("egress", List.of())) {
                boolean external = ((List<Map<String, Object>>) rule.getOrDefault("to", List.of())).stream().anyMatch(t -> t.containsKey("ipBlock"));
                if (external) {
                    assertThat((List<Map<String, Object>>) rule.get("ports")).extracting(x -> x.get("port")).containsOnly(443);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceThatExportsTracesIsGivenTheCollectorAndMayReachIt(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        List<Map<String, Object>> policies = objects(objects, "NetworkPolicy");
        List<String> tracing = new ArrayList<>();
        for (Map<String, Object> w : workloads(objects)) {
            String name = Kustomize.name(w);
            if (!prodVariables(name).contains("OTEL_EXPORTER_OTLP_ENDPOINT")) {
                continue;
            }
            tracing.add(name);
            URI endpoint = URI.create(configValuesByName(objects, w).get("OTEL_EXPORTER_OTLP_ENDPOINT"));
            assertThat(egressPorts(policies, name)).as(name + " may reach the collector at " + endpoint).contains(endpoint.getPort());
        }
        assertThat(tracing).as("the services that export traces in %prod").contains("ingest-service", "dispatch-service",
                "consent-service", "health-monitor-service", "analytics-service");
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthMonitorRunsOneReplicaWithRecreateAndNothingScalesIt() {
        for (String overlay : List.of("dev", "prod")) {
            List<Map<String, Object>> objects = render(overlay);
            Map<String, Object> hm = workload(objects, "health-monitor-service");
            assertThat(hm.get("kind")).isEqualTo("Deployment");
            assertThat(spec(hm)).containsEntry("replicas", 1);
            assertThat((Map<String, Object>) spec(hm).get("strategy")).containsEntry("type", "Recreate");
            assertThat(objects).filteredOn(o -> Set.of("HorizontalPodAutoscaler", "ScaledObject").contains(o.get("kind")))
                    .noneMatch(o -> "health-monitor-service".equals(((Map<String, Object>) spec(o).get("scaleTargetRef")).get("name")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAServiceAPodDisruptionBudgetAServiceMonitorAndAnAutoscalerForItsKind() {
        List<Map<String, Object>> objects = render("prod");
        for (String name : SERVICES) {
            Map<String, Object> w = workload(objects, name);
            Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) spec(w).get("selector")).get("matchLabels");
            Map<String, Object> podLabels = (Map<String, Object>) Kustomize.metadata((Map<String, Object>) spec(w).get("template")).get("labels");
            assertThat(podLabels).as(name).containsAllEntriesOf(labels).containsEntry("app.kubernetes.io/part-of", "safesend");
            assertThat(objects(objects, "Service")).as(name).anyMatch(s -> Kustomize.name(s).equals(name)
                    && labels.equals(spec(s).get("selector")));
            assertThat(objects(objects, "PodDisruptionBudget")).as(name).anyMatch(p -> labels.equals(
                    ((Map<String, Object>) spec(p).get("selector")).get("matchLabels")));
            assertThat(objects(objects, "ServiceMonitor")).as(name).anyMatch(m -> labels.equals(
                    ((Map<String, Object>) spec(m).get("selector")).get("matchLabels"))
                    && ((List<Map<String, Object>>) spec(m).get("endpoints")).stream().anyMatch(e -> "/q/metrics".equals(e.get("path"))));
            if (!name.equals("health-monitor-service")) {
                assertThat(objects).as(name + " autoscaled").anyMatch(o -> Set.of("HorizontalPodAutoscaler", "ScaledObject").contains(o.get("kind"))
                        && name.equals(((Map<String, Object>) spec(o).get("scaleTargetRef")).get("name"))
                        && w.get("kind").equals(((Map<String, Object>) spec(o).get("scaleTargetRef")).get("kind")));
            }
        }
        // static membership (group.instance.id = HOSTNAME) needs a stable pod name
        for (String name : SERVICES) {
            boolean staticMember = prodLines(name).stream().anyMatch(l -> l.contains("group.instance.id=${HOSTNAME}"));
            assertThat(workload(objects, name).get("kind")).as(name).isEqualTo(staticMember ? "StatefulSet" : "Deployment");
        }
        Map<String, Object> scaled = objects(objects, "ScaledObject").get(0);
        assertThat(((Map<String, Object>) spec(scaled).get("scaleTargetRef")).get("name")).isEqualTo("dispatch-service");
        assertThat((List<Map<String, Object>>) spec(scaled).get("triggers")).allMatch(t -> "kafka".equals(t.get("type"))
                && "dispatch-service-lanes".equals(((Map<String, Object>) t.get("metadata")).get("consumerGroup")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertsCoverTheOperatorsSignalsAndTheDashboardIsGrafanaJson() throws IOException {
        List<Map<String, Object>> objects = render("prod");
        List<String> alerts = objects(objects, "PrometheusRule").stream()
                .flatMap(r -> ((List<Map<String, Object>>) spec(r).get("groups")).stream())
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .map(r -> (String) r.get("alert")).toList();
        assertThat(alerts).contains("SafesendOptOutPathBehind", "SafesendWebhookIntakeHeld", "SafesendSenderPaused",
                "SafesendSenderPausedByDispatch", "SafesendDeadLettersGrowing", "SafesendConsumerLag", "SafesendWebhookSignatureFailures", "SafesendHttpErrorRate");
        Map<String, Object> dashboard = objects(objects, "ConfigMap").stream()
                .filter(c -> "1".equals(((Map<String, Object>) Kustomize.metadata(c).getOrDefault("labels", Map.of())).get("grafana_dashboard")))
                .findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree((String) ((Map<String, Object>) dashboard.get("data")).get("safesend-overview.json"));
        assertThat(json.get("uid").asText()).isEqualTo("safesend-overview");
        assertThat(json.get("panels")).isNotEmpty().allMatch(p -> !p.get("targets").get(0).get("expr").asText().isBlank());
        // the metric names alerts use are the services' own (Micrometer: dots become underscores)
        String rules = Files.readString(K8S.resolve("base/alerts/platform.yaml"));
        assertThat(rules).contains("dispatch_sender_paused_total", "ingest_webhooks_rejected_total");
        assertThat(Files.readString(REPO.resolve("dispatch-service/src/main/java/dev/safesend/dispatch/service/DispatchMetrics.java")))
                .contains("\"dispatch.sender.paused\"", "\"dispatch.optout.intake.held\"");
        assertThat(Files.readString(K8S.resolve("base/alerts/opt-out-path.yaml"))).contains("dispatch_optout_intake_held");
        assertThat(Files.readString(REPO.resolve("ingest-service/src/main/java/dev/safesend/ingest/service/IngestMetrics.java")))
                .contains("\"ingest.webhooks.rejected\"");
    }

    /** The renderer above against kubectl's Kustomize, where kubectl is installed (it is not needed otherwise). */
    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void theRendererAgreesWithKubectlKustomize(String overlay) throws Exception {
        Path dir = overlay.equals("base") ? K8S.resolve("base") : K8S.resolve("overlays").resolve(overlay);
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("kubectl is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
        Path file = Files.createTempFile("kustomize", ".yaml");
        Files.writeString(file, out);
        Comparator<Map<String, Object>> byId = Comparator.comparing(o -> o.get("kind") + "/" + Kustomize.name(o));
        List<Map<String, Object>> theirs = new ArrayList<>(Kustomize.readAll(file));
        List<Map<String, Object>> ours = new ArrayList<>(render(overlay));
        theirs.sort(byId);
        ours.sort(byId);
        Files.delete(file);
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i)).as(Kustomize.name(theirs.get(i))).isEqualTo(theirs.get(i));
        }
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(Map<String, Object> o) {
        return (Map<String, Object>) o.get("spec");
    }

    static List<Map<String, Object>> objects(List<Map<String, Object>> all, String kind) {
        return all.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static List<Map<String, Object>> workloads(List<Map<String, Object>> all) {
        return all.stream().filter(o -> Set.of("Deployment", "StatefulSet").contains(o.get("kind"))).toList();
    }

    static Map<String, Object> workload(List<Map<String, Object>> all, String name) {
        return workloads(all).stream().filter(w -> name.equals(Kustomize.name(w))).findFirst().orElseThrow(() -> new AssertionError("no workload " + name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> w) {
        return (Map<String, Object>) ((Map<String, Object>) spec(w).get("template")).get("spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> w) {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) podSpec(w).get("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static Map<String, Object> kafkaTopic(List<Map<String, Object>> all, String topicName) {
        return objects(all, "KafkaTopic").stream().filter(t -> topicName.equals(spec(t).get("topicName"))).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + topicName));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> o) {
        try {
            return Kustomize.YAML.readValue(Kustomize.YAML.writeValueAsString(o), Map.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static String probePath(Map<String, Object> c, String probe) {
        Map<String, Object> p = (Map<String, Object>) c.get(probe);
        assertThat(p).as(probe).isNotNull();
        Map<String, Object> http = (Map<String, Object>) p.get("httpGet");
        assertThat(http.get("port")).isEqualTo("http");
        return (String) http.get("path");
    }

    static int httpPort(String service) {
        try {
            Matcher m = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)$").matcher(
                    Files.readString(REPO.resolve(service).resolve("src/main/resources/application.properties")));
            assertThat(m.find()).as(service + " sets quarkus.http.port").isTrue();
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
        assertThat(m.matches()).as(quantity).isTrue();
        long unit = switch (Objects.requireNonNullElse(m.group(2), "")) {
            case "Ki" -> 1024L;
            case "Mi" -> 1024L * 1024;
            case "Gi" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    static long heapCap(List<Map<String, Object>> objects, Map<String, Object> w) {
        String options = configValuesByName(objects, w).get("JAVA_TOOL_OPTIONS");
        assertThat(options).as(Kustomize.name(w) + " sets its heap cap").isNotNull();
        Matcher m = Pattern.compile("-Xmx(\\d+)([mg])").matcher(options);
        assertThat(m.find()).as(options).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("g") ? 1024L * 1024 * 1024 : 1024L * 1024);
    }

    static List<String> prodLines(String service) {
        try {
            return Files.readAllLines(REPO.resolve(service).resolve("src/main/resources/application.properties")).stream()
                    .filter(l -> l.startsWith("%prod.")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every ${VAR} or ${VAR:default} an environment variable name (upper case) in the service's %prod lines. */
    static Set<String> prodVariables(String service) throws IOException {
        Set<String> vars = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}").matcher(String.join("\n", prodLines(service)));
        while (m.find()) {
            vars.add(m.group(1));
        }
        return vars;
    }

    @SuppressWarnings("unchecked")
    static Set<String> providedVariables(List<Map<String, Object>> objects, Map<String, Object> w) {
        Map<String, Object> c = container(w);
        Set<String> provided = new TreeSet<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) c.getOrDefault("env", List.of())) {
            provided.add((String) e.get("name"));
        }
        provided.addAll(configValuesByName(objects, w).keySet());
        return provided;
    }

    /** The variables a workload takes from ConfigMaps (envFrom); every ConfigMap it names must be in the rendering. */
    @SuppressWarnings("unchecked")
    static Map<String, String> configValuesByName(List<Map<String, Object>> objects, Map<String, Object> w) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> from : (List<Map<String, Object>>) container(w).getOrDefault("envFrom", List.of())) {
            assertThat(from).as("envFrom of " + Kustomize.name(w) + " takes ConfigMaps only (secrets are named per key)").containsOnlyKeys("configMapRef");
            String name = (String) ((Map<String, Object>) from.get("configMapRef")).get("name");
            Map<String, Object> cm = objects(objects, "ConfigMap").stream().filter(o -> name.equals(Kustomize.name(o))).findFirst()
                    .orElseThrow(() -> new AssertionError(Kustomize.name(w) + " reads ConfigMap " + name + ", which is not rendered"));
            ((Map<String, Object>) cm.get("data")).forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        return values;
    }

    /** The ConfigMap values of the variables the workload's service actually reads in %prod. */
    static List<String> configValues(List<Map<String, Object>> objects, Map<String, Object> w) {
        try {
            Set<String> used = prodVariables(Kustomize.name(w));
            return configValuesByName(objects, w).entrySet().stream().filter(e -> used.contains(e.getKey())).map(Map.Entry::getValue).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Topic names in docs/events.md's catalogue table. */
    static Set<String> cataloguedTopics() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| (wa\\.[a-z.-]+\\.v\\d+)").matcher(Files.readString(REPO.resolve("docs/events.md")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** k8s/README.md's topic table: topic → [partitions, cleanup, retention, dead-letter topic]. */
    static Map<String, List<String>> readmeTopicTable() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(K8S.resolve("README.md"))) {
            if (line.startsWith("| wa.")) {
                List<String> cells = java.util.Arrays.stream(line.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                rows.put(cells.get(0), cells.subList(1, cells.size()));
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    static boolean selects(Map<String, Object> policy, String app) {
        Map<String, Object> selector = (Map<String, Object>) spec(policy).get("podSelector");
        return podMatches(selector, app);
    }

    /** Whether a pod selector matches the pods of app (labelled app.kubernetes.io/name and part-of safesend). */
    @SuppressWarnings("unchecked")
    static boolean podMatches(Map<String, Object> selector, String app) {
        Map<String, Object> labels = Map.of("app.kubernetes.io/name", app, "app.kubernetes.io/part-of", "safesend");
        Map<String, Object> match = (Map<String, Object>) selector.getOrDefault("matchLabels", Map.of());
        boolean ok = match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        for (Map<String, Object> expr : (List<Map<String, Object>>) selector.getOrDefault("matchExpressions", List.of())) {
            ok &= "In".equals(expr.get("operator")) && ((List<String>) expr.get("values")).contains(labels.get(expr.get("key")));
        }
        return ok && (!match.isEmpty() || selector.containsKey("matchExpressions"));
    }

    @SuppressWarnings("unchecked")
    static boolean portAllowed(Map<String, Object> rule, int port) {
        List<Map<String, Object>> ports = (List<Map<String, Object>>) rule.get("ports");
        return ports == null || ports.stream().anyMatch(p -> Integer.valueOf(port).equals(p.get("port")));
    }

    @SuppressWarnings("unchecked")
    static boolean egressAllowed(List<Map<String, Object>> policies, String from, String to, int port) {
        return policies.stream().filter(p -> selects(p, from))
                .flatMap(p -> ((List<Map<String, Object>>) spec(p).getOrDefault("egress", List.of())).stream())
                .anyMatch(rule -> portAllowed(rule, port) && ((List<Map<String, Object>>) rule.getOrDefault("to", List.of())).stream()
                        .anyMatch(peer -> peer.get("namespaceSelector") == null && peer.get("podSelector") != null
                                && podMatches((Map<String, Object>) peer.get("podSelector"), to)));
    }

    @SuppressWarnings("unchecked")
    static boolean ingressAllowed(List<Map<String, Object>> policies, String to, String from, int port) {
        return policies.stream().filter(p -> selects(p, to))
                .flatMap(p -> ((List<Map<String, Object>>) spec(p).getOrDefault("ingress", List.of())).stream())
                .anyMatch(rule -> portAllowed(rule, port) && ((List<Map<String, Object>>) rule.getOrDefault("from", List.of())).stream()
                        .anyMatch(peer -> peer.get("namespaceSelector") == null && peer.get("podSelector") != null
                                && podMatches((Map<String, Object>) peer.get("podSelector"), from)));
    }

    @SuppressWarnings("unchecked")
    static boolean allowsIngress(List<Map<String, Object>> policies, String to, String namespace, int port) {
        return policies.stream().filter(p -> selects(p, to))
                .flatMap(p -> ((List<Map<String, Object>>) spec(p).getOrDefault("ingress", List.of())).stream())
                .anyMatch(rule -> portAllowed(rule, port) && ((List<Map<String, Object>>) rule.getOrDefault("from", List.of())).stream()
                        .anyMatch(peer -> Optional.ofNullable((Map<String, Object>) peer.get("namespaceSelector"))
                                .map(ns -> (Map<String, Object>) ns.get("matchLabels"))
                                .map(l -> namespace.equals(l.get("kubernetes.io/metadata.name"))).orElse(false)));
    }

    @SuppressWarnings("unchecked")
    static Set<Integer> egressPorts(List<Map<String, Object>> policies, String from) {
        return policies.stream().filter(p -> selects(p, from) || isPartOfSelector(p))
                .flatMap(p -> ((List<Map<String, Object>>) spec(p).getOrDefault("egress", List.of())).stream())
                .flatMap(rule -> ((List<Map<String, Object>>) rule.getOrDefault("ports", List.of())).stream())
                .map(port -> (Integer) port.get("port")).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    static boolean isPartOfSelector(Map<String, Object> policy) {
        Map<String, Object> match = (Map<String, Object>) ((Map<String, Object>) spec(policy).get("podSelector")).get("matchLabels");
        return match != null && match.equals(Map.of("app.kubernetes.io/part-of", "safesend"));
    }
}
