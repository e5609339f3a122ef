package dev.safesend.dispatch;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.safesend.testsupport.arch.ServiceArchitectureRules;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The house rooms (docs/architecture.md, "Inside a service"), enforced for dispatch-service by the shared rules in test-support. */
class ArchitectureTest extends ServiceArchitectureRules {

    @Override
    protected String basePackage() {
        return "dev.safesend.dispatch";
    }

    @Override
    protected Set<String> rooms() {
        return Set.of("rest", "messaging", "service", "domain", "repository", "mapping", "config", "client", "health");
    }

    /**
     * Meta's wire records (cloud-api-wire) are a boundary type: the mapper builds the send request, the client writes it
     * and reads the answer, and the service only hands one to the other.
     */
    @Test
    void cloudApiWireRecordsStayInTheClientTheMapperAndTheHandOver() {
        var imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage());
        noClasses().that().resideInAnyPackage(basePackage() + ".domain..", basePackage() + ".rest..",
                        basePackage() + ".messaging..", basePackage() + ".repository..")
                .should().dependOnClassesThat().resideInAPackage("dev.safesend.cloudapi.wire..")
                .check(imported);
        classes().that().resideInAPackage("dev.safesend.cloudapi.wire..").should().onlyHaveDependentClassesThat()
                .resideInAnyPackage(basePackage() + ".client..", basePackage() + ".mapping..", basePackage() + ".service..",
                        "dev.safesend.cloudapi.wire..")
                .allowEmptyShould(false)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(basePackage(), "dev.safesend.cloudapi.wire"));
    }
}
