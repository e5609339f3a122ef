package dev.safesend.schemas;

import dev.safesend.schemas.serde.AvroSchemas;
import dev.safesend.schemas.serde.ReleasedSchemas;
import dev.safesend.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record on a topic must read data written with each released version of its schema
 * (backward compatibility within a topic). A breaking change needs a new .v2 topic instead.
 * Released copies live in src/test/resources/released/v&lt;N&gt;/ (main resources: decoders
 * need them too) with an index file; add a version when a schema change ships.
 */
class SchemaCompatibilityTest {

    private static final String RELEASED = "shared-schemas/src/main/resources/released";

    static Stream<Class<? extends SpecificRecord>> recordTypes() {
        return Topics.recordTypes().stream();
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void currentSchemaReadsEveryReleasedVersion(Class<? extends SpecificRecord> type) {
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

    private static List<Schema> releasedVersionsOf(String fullName) {
        return ReleasedSchemas.of(fullName);
    }

    @org.junit.jupiter.api.Test
    void everyReleasedVersionListsEveryRecordOfItsTime() {
        List<java.util.Map<String, Schema>> versions = ReleasedSchemas.versions();
        assertThat(versions).isNotEmpty();
        // a record on a topic now is in the latest release, and no release drops a record an earlier one had
        assertThat(versions.get(versions.size() - 1).keySet())
                .containsAll(Topics.recordTypes().stream().map(t -> AvroSchemas.schemaOf(t).getFullName()).toList());
        for (int n = 1; n < versions.size(); n++) {
            assertThat(versions.get(n).keySet()).as("released v%d keeps every record of v%d", n + 1, n)
                    .containsAll(versions.get(n - 1).keySet());
        }
    }
}
