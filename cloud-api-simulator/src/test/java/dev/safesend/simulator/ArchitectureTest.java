package dev.safesend.simulator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The rooms of docs/architecture.md ("Inside a service"), for the simulator. Every package a rule names must exist, so no rule passes vacuously. */
class ArchitectureTest {

    private static final String BASE = "dev.safesend.simulator";
    private static final String REST = BASE + ".rest..";
    private static final String DOMAIN = BASE + ".domain..";
    private static final String SERVICE = BASE + ".service..";
    private static final String WEBHOOK = BASE + ".webhook..";
    private static final String CONFIG = BASE + ".config..";
    private static final String HEALTH = BASE + ".health..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void everyPackageTheRulesNameHoldsClasses() {
        for (String pkg : List.of("rest", "domain", "service", "webhook", "config", "health")) {
            assertThat(CLASSES.stream().filter(c -> c.getPackageName().equals(BASE + "." + pkg)))
                    .as("classes in %s.%s", BASE, pkg).isNotEmpty();
        }
    }

    @Test
    void domainIsPlainJava() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
                .check(CLASSES);
    }

    @Test
    void domainImportsNoRestServiceWebhookQuarkusOrJaxRs() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(REST, SERVICE, WEBHOOK, CONFIG, "io.quarkus..",
                        "jakarta.ws.rs..", "jakarta..", "io.vertx..", "io.smallrye..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void servicesDoNotKnowJaxRsOrTheRestRoom() {
        noClasses().that().resideInAPackage(SERVICE)
                .should().dependOnClassesThat().resideInAnyPackage(REST, "jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void webhookEmitterDependsOnNeitherRestNorServices() {
        noClasses().that().resideInAPackage(WEBHOOK)
                .should().dependOnClassesThat().resideInAnyPackage(REST, SERVICE, "jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void configAndHealthDoNotReachIntoRest() {
        noClasses().that().resideInAnyPackage(CONFIG, HEALTH)
                .should().dependOnClassesThat().resideInAnyPackage(REST)
                .check(CLASSES);
    }

    /** Meta's wire records (cloud-api-wire) are written and read at the edges only: the send endpoint and the webhook emitter. */
    @Test
    void cloudApiWireRecordsStayInRestAndWebhook() {
        classes().that().resideInAPackage("dev.safesend.cloudapi.wire..").should().onlyHaveDependentClassesThat()
                .resideInAnyPackage(REST, WEBHOOK, "dev.safesend.cloudapi.wire..")
                .allowEmptyShould(false)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(BASE, "dev.safesend.cloudapi.wire"));
    }

    @Test
    void noClassIsNamedManagerHelperUtilOrImpl() {
        noClasses().should().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Impl")
                .check(CLASSES);
    }
}
