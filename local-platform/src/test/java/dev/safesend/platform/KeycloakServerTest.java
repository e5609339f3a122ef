package dev.safesend.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeycloakServerTest {

    @TempDir
    Path dir;

    private Path javaHome(String name, String releaseVersion) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.createFile(home.resolve("bin").resolve("java"));
        java.toFile().setExecutable(true);
        if (releaseVersion != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + releaseVersion + "\"\n");
        }
        return home;
    }

    @Test
    void theJavaVersionIsReadFromTheReleaseFileOfAJavaHome() throws IOException {
        assertThat(KeycloakServer.javaVersion(javaHome("jdk25", "25.0.1"))).isEqualTo(25);
        assertThat(KeycloakServer.javaVersion(javaHome("jdk17", "17.0.15"))).isEqualTo(17);
        assertThat(KeycloakServer.javaVersion(javaHome("jdk8", "1.8.0_402"))).isEqualTo(8);
        assertThat(KeycloakServer.javaVersion(javaHome("early", "26-ea"))).isEqualTo(26);
        assertThat(KeycloakServer.javaVersion(javaHome("none", null))).isZero();
    }

    @Test
    void theFirstJavaOf21OrNewerIsChosen() throws IOException {
        Path jdk17 = javaHome("jdk17", "17.0.15");
        Path jdk21 = javaHome("jdk21", "21.0.5");
        Path jdk25 = javaHome("jdk25", "25.0.1");

        assertThat(KeycloakServer.findJava(List.of(jdk17, jdk21, jdk25))).isEqualTo(jdk21.resolve("bin").resolve("java"));
    }

    @Test
    void withoutAJava21TheErrorSaysWhatIsNeededWhereItLookedAndHowToPointAtOne() throws IOException {
        Path jdk17 = javaHome("jdk17", "17.0.15");

        assertThatThrownBy(() -> KeycloakServer.findJava(List.of(jdk17, dir.resolve("missing"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Keycloak needs Java 21 or newer and none was found")
                .hasMessageContaining(jdk17.toString())
                .hasMessageContaining("KEYCLOAK_JAVA_HOME");
    }

    @Test
    void aMissingDistributionIsNamedWithTheBuildThatUnpacksIt() throws IOException {
        Files.createDirectories(dir.resolve("keycloak").resolve("keycloak-26.7.3").resolve("bin"));

        assertThatThrownBy(() -> KeycloakServer.findDistribution(dir.resolve("keycloak")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Keycloak distribution in " + dir.resolve("keycloak"))
                .hasMessageContaining("-pl local-platform package");
        Path lib = Files.createDirectories(dir.resolve("keycloak").resolve("keycloak-26.7.3").resolve("lib"));
        Files.createFile(lib.resolve("quarkus-run.jar"));
        assertThat(KeycloakServer.findDistribution(dir.resolve("keycloak"))).isEqualTo(dir.resolve("keycloak").resolve("keycloak-26.7.3"));
    }

    @Test
    void theRealmFileIsOnTheClasspathWithTheRolesClientsAndTheClaimsServicesRead() throws IOException {
        var realm = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                KeycloakServer.class.getClassLoader().getResourceAsStream(KeycloakServer.REALM_RESOURCE));

        assertThat(realm.path("realm").asText()).isEqualTo(KeycloakRealm.NAME);
        assertThat(realm.path("roles").path("realm").findValuesAsText("name")).containsExactlyInAnyOrder(
                dev.safesend.testsupport.DevKeys.ROLES.toArray(String[]::new));
        assertThat(realm.path("clients").findValuesAsText("clientId")).containsExactly(KeycloakRealm.CONSOLE_CLIENT,
                KeycloakRealm.INTERNAL_CLIENT, KeycloakRealm.SERVICES_CLIENT);
        for (var client : realm.path("clients")) {
            assertThat(client.path("protocolMappers").findValuesAsText("claim.name")).containsExactly("groups", "projects");
        }
    }
}
