package dev.safesend.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Offline validation of one manifest. Kubernetes kinds are read into fabric8's typed model: a wrong type fails to
 * bind, and a field the API does not know lands in a model object's additional properties, which is reported with its
 * path. Custom resources (Strimzi, KEDA, Prometheus Operator) are validated against the JSON schemas in
 * {@code crd-schemas/} (required fields, types, enums; unknown fields are errors there too). Any other kind is an error.
 */
final class ManifestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Map<String, Class<?>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    private static final List<String> CUSTOM = List.of("KafkaTopic", "ScaledObject", "ServiceMonitor", "PrometheusRule");

    private ManifestSchemas() {
    }

    /** The problems found in one object; empty when it is valid. */
    static List<String> problems(Map<String, Object> manifest) {
        String kind = (String) manifest.get("kind");
        String id = manifest.get("apiVersion") + "/" + kind + " " + Kustomize.name(manifest);
        Class<?> type = KINDS.get(manifest.get("apiVersion") + "/" + kind);
        List<String> problems = new ArrayList<>();
        if (type != null) {
            try {
                walk(JSON.convertValue(manifest, type), kind, problems);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        } else if (CUSTOM.contains(kind)) {
            for (ValidationMessage m : schema(kind).validate(JSON.valueToTree(manifest))) {
                problems.add(m.getMessage());
            }
        } else {
            problems.add("no schema for " + manifest.get("apiVersion") + " " + kind);
        }
        return problems.stream().map(p -> id + ": " + p).toList();
    }

    static JsonSchema schema(String kind) {
        try (InputStream in = ManifestSchemas.class.getResourceAsStream("/crd-schemas/" + kind + ".json")) {
            JsonNode node = JSON.readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports every additional (unknown) property in the model tree, with its path. */
    private static void walk(Object node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                walk(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, problems));
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
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add("unknown field(s) " + extra.keySet() + " at " + path);
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(value, path + "." + field, problems);
            }
        }
    }
}
