package dev.safesend.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The rooms of docs/architecture.md ("Inside a service"), enforced; every package named here must exist, so no rule passes vacuously. */
class ArchitectureTest {

    private static final String BASE = "dev.safesend.ingest";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rest", "messaging", "service", "domain", "repository", "mapping", "config", "client"})
    void everyRoomNamedByTheRulesExists(String room) {
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals(BASE + "." + room))).as(room).isTrue();
    }

    @Test
    void restDoesNotTouchMessagingOrAvro() {
        noClasses().that().resideInAPackage(BASE + ".rest..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".messaging..", "org.apache.avro..", "dev.safesend.schemas..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void messagingDoesNotTouchRest() {
        noClasses().that().resideInAPackage(BASE + ".messaging..").should().dependOnClassesThat().resideInAPackage(BASE + ".rest..").check(classes);
    }

    @Test
    void servicesKnowNeitherJaxRsNorKafkaNorAvro() {
        noClasses().that().resideInAPackage(BASE + ".service..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "org.apache.avro..",
                        "dev.safesend.schemas..", "io.smallrye.reactive.messaging..", BASE + ".rest..")
                .check(classes);
    }

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage(BASE + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..", "org.apache.kafka..",
                        "org.apache.avro..", "dev.safesend.schemas..", "com.fasterxml..", BASE + ".rest..", BASE + ".messaging..",
                        BASE + ".service..", BASE + ".repository..", BASE + ".mapping..")
                .check(classes);
    }

    @Test
    void repositoriesDoNotTouchRestOrMessaging() {
        noClasses().that().resideInAPackage(BASE + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".rest..", BASE + ".messaging..").check(classes);
    }

    @Test
    void resourcesGoThroughServicesNotRepositoriesOrClients() {
        noClasses().that().resideInAPackage(BASE + ".rest..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".repository..", BASE + ".client..")
                .check(classes);
    }

    @Test
    void theCloudApiClientKnowsNothingOfTheService() {
        noClasses().that().resideInAPackage(BASE + ".client..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".rest..", BASE + ".messaging..", BASE + ".service..",
                        BASE + ".repository..", BASE + ".domain..")
                .check(classes);
    }

    @Test
    void onlyTheMessagingRoomTalksToKafka() {
        noClasses().that().resideOutsideOfPackages(BASE + ".messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.smallrye.reactive.messaging..",
                        "org.eclipse.microprofile.reactive.messaging..")
                .check(classes);
    }

    @Test
    void avroTypesAppearOnlyInMessagingAndMapping() {
        noClasses().that().resideOutsideOfPackages(BASE + ".messaging..", BASE + ".mapping..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.safesend.schemas..", "org.apache.avro..")
                .check(classes);
    }
}
