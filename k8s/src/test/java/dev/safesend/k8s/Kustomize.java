package dev.safesend.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.databind.MappingIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of Kustomize this repository uses:
 * {@code resources} (files and directories with a kustomization), {@code namespace}, {@code images},
 * {@code replicas}, {@code patches} (strategic merge from a file, or inline JSON 6902 operations with a kind/name
 * target) and {@code configMapGenerator} (files, no hash suffix). Any other key fails, so nothing is silently skipped.
 * {@code KubernetesManifestsTest} compares its output with kubectl's wherever kubectl is installed.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("apiVersion", "kind", "resources", "namespace", "images", "replicas",
            "patches", "configMapGenerator");

    private Kustomize() {
    }

    /** The objects a kustomization directory renders to, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> k = readOne(dir.resolve("kustomization.yaml"));
        for (String key : k.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(dir + ": kustomization key '" + key + "' is not supported by this renderer");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String r : (List<String>) k.getOrDefault("resources", List.of())) {
            Path p = dir.resolve(r).normalize();
            out.addAll(Files.isDirectory(p) ? render(p) : readAll(p));
        }
        for (Map<String, Object> gen : (List<Map<String, Object>>) k.getOrDefault("configMapGenerator", List.of())) {
            out.add(configMap(dir, gen));
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) k.getOrDefault("patches", List.of())) {
            applyPatch(dir, patch, out);
        }
        for (Map<String, Object> r : (List<Map<String, Object>>) k.getOrDefault("replicas", List.of())) {
            Map<String, Object> target = out.stream()
                    .filter(o -> Set.of("Deployment", "StatefulSet").contains(o.get("kind")) && r.get("name").equals(name(o)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(dir + ": no workload " + r.get("name")));
            ((Map<String, Object>) target.get("spec")).put("replicas", r.get("count"));
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
            setImage(out, image);
        }
        if (k.get("namespace") != null) {
            out.forEach(o -> metadata(o).put("namespace", k.get("namespace")));
        }
        return out;
    }

    static String name(Map<String, Object> o) {
        return (String) metadata(o).get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> o) {
        return (Map<String, Object>) o.get("metadata");
    }

    static Map<String, Object> readOne(Path file) {
        List<Map<String, Object>> all = readAll(file);
        if (all.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document, found " + all.size());
        }
        return all.get(0);
    }

    /** Every non-empty document of a YAML file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readAll(Path file) {
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(file.toFile());
             MappingIterator<Object> docs = YAML.readValues(parser, Object.class)) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (docs.hasNext()) {
                Object doc = docs.next();
                if (doc instanceof Map<?, ?> m && !m.isEmpty()) {
                    out.add((Map<String, Object>) doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configMap(Path dir, Map<String, Object> gen) {
        Map<String, Object> options = (Map<String, Object>) gen.getOrDefault("options", Map.of());
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new IllegalArgumentException(dir + ": configMapGenerator without disableNameSuffixHash is not supported");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (String f : (List<String>) gen.get("files")) {
            try {
                data.put(Path.of(f).getFileName().toString(), Files.readString(dir.resolve(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", gen.get("name"));
        if (options.get("labels") != null) {
            meta.put("labels", new LinkedHashMap<>((Map<String, Object>) options.get("labels")));
        }
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.put("metadata", meta);
        cm.put("data", data);
        return cm;
    }

    @SuppressWarnings("unchecked")
    private static void applyPatch(Path dir, Map<String, Object> patch, List<Map<String, Object>> objects) {
        if (patch.get("path") != null) {
            for (Map<String, Object> p : readAll(dir.resolve((String) patch.get("path")))) {
                Map<String, Object> target = objects.stream()
                        .filter(o -> Objects.equals(o.get("kind"), p.get("kind")) && Objects.equals(name(o), name(p)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + ": patch target " + p.get("kind") + "/" + name(p) + " not found"));
                merge(target, p);
            }
            return;
        }
        Map<String, Object> target = (Map<String, Object>) patch.get("target");
        for (String key : target.keySet()) {
            if (!Set.of("kind", "name").contains(key)) {
                throw new IllegalArgumentException(dir + ": patch target key '" + key + "' is not supported");
            }
        }
        List<Map<String, Object>> ops;
        try {
            ops = YAML.readValue((String) patch.get("patch"), List.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> matched = objects.stream()
                .filter(o -> o.get("kind").equals(target.get("kind")))
                .filter(o -> target.get("name") == null || target.get("name").equals(name(o)))
                .toList();
        if (matched.isEmpty()) {
            throw new IllegalArgumentException(dir + ": patch target " + target + " matches nothing");
        }
        matched.forEach(o -> ops.forEach(op -> jsonPatch(o, op)));
    }

    /** Strategic merge as Kustomize does it for the kinds used here: maps merge, lists of named items merge by name. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object current = into.get(key);
            if (value instanceof Map<?, ?> pm && current instanceof Map<?, ?> cm) {
                merge((Map<String, Object>) cm, (Map<String, Object>) pm);
            } else if (value instanceof List<?> pl && current instanceof List<?> cl && namedItems(pl) && namedItems(cl)) {
                List<Object> merged = new ArrayList<>((List<Object>) cl);
                for (Object item : pl) {
                    Map<String, Object> pi = (Map<String, Object>) item;
                    merged.stream().map(m -> (Map<String, Object>) m).filter(m -> m.get("name").equals(pi.get("name")))
                            .findFirst().ifPresentOrElse(m -> merge(m, pi), () -> merged.add(pi));
                }
                into.put(key, merged);
            } else {
                into.put(key, value);
            }
        });
    }

    private static boolean namedItems(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
    }

    @SuppressWarnings("unchecked")
    private static void jsonPatch(Map<String, Object> o, Map<String, Object> op) {
        String[] path = ((String) op.get("path")).substring(1).split("/");
        Map<String, Object> parent = o;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = parent.get(unescape(path[i]));
            if (!(next instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("JSON patch path " + op.get("path") + " does not exist in " + name(o));
            }
            parent = (Map<String, Object>) next;
        }
        String last = unescape(path[path.length - 1]);
        switch ((String) op.get("op")) {
            case "add" -> parent.put(last, op.get("value"));
            case "replace" -> {
                if (!parent.containsKey(last)) {
                    throw new IllegalArgumentException("JSON patch replace of missing " + op.get("path") + " in " + name(o));
                }
                parent.put(last, op.get("value"));
            }
            case "remove" -> parent.remove(last);
            default -> throw new IllegalArgumentException("JSON patch op " + op.get("op") + " is not supported");
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    @SuppressWarnings("unchecked")
    private static void setImage(List<Map<String, Object>> objects, Map<String, Object> image) {
        String name = (String) image.get("name");
        for (Map<String, Object> o : objects) {
            if (!Set.of("Deployment", "StatefulSet").contains(o.get("kind"))) {
                continue;
            }
            Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) o.get("spec"))
                    .get("template")).get("spec");
            for (Map<String, Object> c : (List<Map<String, Object>>) podSpec.get("containers")) {
                String current = (String) c.get("image");
                String bare = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                if (bare.equals(name)) {
                    String newName = (String) image.getOrDefault("newName", name);
                    Object tag = image.get("newTag");
                    c.put("image", tag == null ? newName : newName + ":" + tag);
                }
            }
        }
    }
}
