package dev.safesend.testsupport.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rooms of docs/architecture.md ("Inside a service"), enforced with ArchUnit. A service's
 * {@code ArchitectureTest} extends this and names its base package and the rooms it has; every
 * named room must exist (so no rule passes vacuously), and the rules of rooms it does not have yet
 * are not run. Rules:
 * rest ↛ messaging, Avro, Kafka, repository, client (resources go through services); messaging ↛ rest;
 * service ↛ JAX-RS, Kafka, Avro, rest; domain ↛ anything but plain Java and small pure libraries;
 * repository ↛ rest, messaging, service; mapping ↛ service, messaging (services may call mappers, and
 * messaging reaches services through the ports services declare); client ↛ rest, messaging, service, repository; only messaging (and
 * health, which reports on consumers) talks to Kafka; Avro types only in messaging and mapping; no cycles between
 * rooms; no class named Manager, Helper, Util(s) or Impl. A service adds rules of its own in its subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceArchitectureRules {

    /** e.g. {@code dev.safesend.ingest} */
    protected abstract String basePackage();

    /** The rooms this service has, e.g. {@code rest, messaging, service, domain, repository, mapping, config}. */
    protected abstract Set<String> rooms();

    @TestFactory
    Stream<DynamicTest> theServiceKeepsTheHouseRooms() {
        String base = basePackage();
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
        List<DynamicTest> tests = new ArrayList<>();
        for (String room : rooms()) {
            tests.add(DynamicTest.dynamicTest("room " + room + " exists", () ->
                    assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(base + "." + room)),
                            "room " + room + " is named by the rules but has no class")));
        }
        rule(tests, classes, "rest", "rest does not touch messaging, Kafka or Avro", noClasses().that().resideInAPackage(base + ".rest..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".messaging..", "org.apache.avro..",
                        "dev.safesend.schemas..", "org.apache.kafka.."));
        rule(tests, classes, "rest", "resources go through services, not repositories or clients", noClasses().that().resideInAPackage(base + ".rest..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".repository..", base + ".client.."));
        rule(tests, classes, "mapping", "mappers know no services and no messaging", noClasses().that().resideInAPackage(base + ".mapping..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".service..", base + ".messaging.."));
        rule(tests, classes, "client", "clients of other services know nothing of this one's rooms", noClasses().that().resideInAPackage(base + ".client..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".rest..", base + ".messaging..", base + ".service..",
                        base + ".repository.."));
        rule(tests, classes, "messaging", "messaging does not touch rest", noClasses().that().resideInAPackage(base + ".messaging..")
                .should().dependOnClassesThat().resideInAPackage(base + ".rest.."));
        rule(tests, classes, "service", "services know neither JAX-RS nor Kafka nor Avro", noClasses().that().resideInAPackage(base + ".service..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "org.apache.avro..",
                        "dev.safesend.schemas..", "io.smallrye.reactive.messaging..", base + ".rest.."));
        rule(tests, classes, "domain", "the domain is plain Java", noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..", "org.apache.kafka..",
                        "org.apache.avro..", "dev.safesend.schemas..", "com.fasterxml..", base + ".rest..", base + ".messaging..",
                        base + ".service..", base + ".repository..", base + ".mapping.."));
        rule(tests, classes, "repository", "repositories do not touch rest, messaging or services", noClasses().that().resideInAPackage(base + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".rest..", base + ".messaging..", base + ".service.."));
        tests.add(DynamicTest.dynamicTest("only messaging and health talk to Kafka", () ->
                noClasses().that().resideOutsideOfPackages(base + ".messaging..", base + ".health..")
                        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.smallrye.reactive.messaging..",
                                "org.eclipse.microprofile.reactive.messaging..")
                        .allowEmptyShould(true).check(classes)));
        // an ApiMapper builds the rest room's DTOs by design (the table), so that one edge is not a cycle's part
        tests.add(DynamicTest.dynamicTest("the rooms are free of cycles (but for ApiMappers building rest's DTOs)", () ->
                slices().matching(base + ".(*)..").should().beFreeOfCycles()
                        .ignoreDependency(resideInAPackage(base + ".mapping.."), resideInAPackage(base + ".rest.."))
                        .allowEmptyShould(true).check(classes)));
        tests.add(DynamicTest.dynamicTest("no class is named Manager, Helper, Util(s) or Impl", () ->
                noClasses().should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                        .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                        .orShould().haveSimpleNameEndingWith("Impl").allowEmptyShould(true).check(classes)));
        tests.add(DynamicTest.dynamicTest("Avro types appear only in messaging and mapping", () ->
                noClasses().that().resideOutsideOfPackages(base + ".messaging..", base + ".mapping..")
                        .should().dependOnClassesThat().resideInAnyPackage("dev.safesend.schemas..", "org.apache.avro..")
                        .allowEmptyShould(true).check(classes)));
        return tests.stream();
    }

    private void rule(List<DynamicTest> tests, JavaClasses classes, String room, String name, ArchRule rule) {
        if (rooms().contains(room)) {
            tests.add(DynamicTest.dynamicTest(name, () -> rule.check(classes)));
        }
    }
}
