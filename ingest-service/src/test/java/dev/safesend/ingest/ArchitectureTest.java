package dev.safesend.ingest;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.safesend.testsupport.arch.ServiceArchitectureRules;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The house rooms (docs/architecture.md, "Inside a service"), enforced for ingest-service by the shared rules in test-support. */
class ArchitectureTest extends ServiceArchitectureRules {

    @Override
    protected String basePackage() {
        return "dev.safesend.ingest";
    }

    @Override
    protected Set<String> rooms() {
        return Set.of("rest", "messaging", "service", "domain", "repository", "mapping", "config", "client", "health");
    }

    /** Meta's wire records (cloud-api-wire) are a boundary type: only the webhook mapper reads them into domain values. */
    @Test
    void cloudApiWireRecordsAreReadOnlyInTheMappingRoom() {
        classes().that().resideInAPackage("dev.safesend.cloudapi.wire..").should().onlyHaveDependentClassesThat()
                .resideInAnyPackage(basePackage() + ".mapping..", "dev.safesend.cloudapi.wire..")
                .allowEmptyShould(false)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(basePackage(), "dev.safesend.cloudapi.wire"));
    }
}
