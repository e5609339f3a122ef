package dev.safesend.schemas.serde;

import org.apache.avro.Schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every released version of the platform's schemas, shipped in this jar under
 * {@code released/v<N>/} (an {@code index} file gives the parse order). Decoders use them to read
 * records written before the current version (records stay in topics, compacted ones for ever);
 * {@code SchemaCompatibilityTest} checks the current schemas can read each of them.
 */
public final class ReleasedSchemas {

    private ReleasedSchemas() {
    }

    /** Released versions in order (v1 first): record full name → schema. */
    public static List<Map<String, Schema>> versions() {
        List<Map<String, Schema>> versions = new ArrayList<>();
        for (int n = 1; ; n++) {
            Map<String, Schema> version = load("released/v" + n + "/");
            if (version == null) {
                return versions;
            }
            versions.add(version);
        }
    }

    /** Every released schema of one record, oldest first. */
    public static List<Schema> of(String fullName) {
        return versions().stream().filter(v -> v.containsKey(fullName)).map(v -> v.get(fullName)).toList();
    }

    private static Map<String, Schema> load(String dir) {
        ClassLoader loader = ReleasedSchemas.class.getClassLoader();
        try (InputStream index = loader.getResourceAsStream(dir + "index")) {
            if (index == null) {
                return null;
            }
            Schema.Parser parser = new Schema.Parser();
            Map<String, Schema> schemas = new LinkedHashMap<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String file = line.strip();
                if (file.isEmpty() || file.startsWith("#")) {
                    continue;
                }
                try (InputStream avsc = loader.getResourceAsStream(dir + file)) {
                    if (avsc == null) {
                        throw new IllegalStateException(dir + "index names " + file + " but it is not there");
                    }
                    Schema schema = parser.parse(avsc);
                    schemas.put(schema.getFullName(), schema);
                }
            }
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schemas in " + dir, e);
        }
    }
}
