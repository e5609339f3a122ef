package dev.safesend.schemas;

import dev.safesend.schemas.serde.AvroSchemas;
import dev.safesend.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record on a topic must read data written with each released version of its schema
 * (backward compatibility within a topic). A breaking change needs a new .v2 topic instead.
 * Released copies live in src/test/resources/released/v&lt;N&gt;/; add a copy when a version ships.
 */
class SchemaCompatibilityTest {

    private static final Path RELEASED = Path.of("src/test/resources/released");

    static Stream<Class<? extends SpecificRecord>> recordTypes() {
        return Topics.recordTypes().stream();
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void currentSchemaReadsEveryReleasedVersion(Class<? extends SpecificRecord> type) throws IOException {
        Schema current = AvroSchemas.schemaOf(type);
        List<Schema> released = releasedVersionsOf(current.getFullName());

        assertThat(released).as("released copies of %s (add one under %s)", current.getFullName(), RELEASED).isNotEmpty();
        for (Schema writer : released) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
            assertThat(result.getType())
                    .as("%s must read data written with a released version: %s", current.getFullName(), result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void everyRecordHasAnEventIdAndAnOccurredAt(Class<? extends SpecificRecord> type) {
        Schema schema = AvroSchemas.schemaOf(type);
        assertThat(schema.getField("eventId")).as("eventId of %s", type.getSimpleName()).isNotNull();
        assertThat(schema.getField("occurredAt")).as("occurredAt of %s", type.getSimpleName()).isNotNull();
        assertThat(schema.getField("occurredAt").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
    }

    private static List<Schema> releasedVersionsOf(String fullName) throws IOException {
        List<Schema> found = new ArrayList<>();
        try (Stream<Path> versions = Files.list(RELEASED)) {
            for (Path version : versions.sorted().toList()) {
                Map<String, Schema> parsed = parseVersion(version);
                if (parsed.containsKey(fullName)) {
                    found.add(parsed.get(fullName));
                }
            }
        }
        return found;
    }

    /** Parses one released version: shared types in common/ first, so records can refer to them. */
    private static Map<String, Schema> parseVersion(Path version) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(version)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc"))
                    .sorted(Comparator.comparing((Path p) -> !p.getParent().getFileName().toString().equals("common"))
                            .thenComparing(Path::toString))
                    .toList();
        }
        List<Schema> schemas = new ArrayList<>();
        for (Path file : files) {
            schemas.add(parser.parse(file.toFile()));
        }
        return schemas.stream().collect(Collectors.toMap(Schema::getFullName, Function.identity()));
    }
}
