package dev.safesend.platform;

import dev.safesend.testsupport.DevKeys;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafesendCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        SafesendCli cli = new SafesendCli(dir, new StateFolder(dir.resolve("state")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownCommandIsRefusedWithExitCode2AndTheListOfCommands() {
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'deploy'; commands are up, token, demo, status, help");
        assertThat(out()).isEmpty();
    }

    @Test
    void anUnknownRoleIsRefusedWithExitCode2AndTheListOfRoles() {
        assertThat(run("token", "root")).isEqualTo(2);
        assertThat(err()).contains("unknown role 'root'; roles are admin, operator, viewer, sender");
        assertThat(out()).isEmpty();
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void tokenWithoutARoleIsRefused() {
        assertThat(run("token")).isEqualTo(2);
        assertThat(err()).contains("'token' takes exactly one role: admin|operator|viewer|sender");
    }

    @Test
    void tokenPrintsOnlyAJwtForTheRoleSignedWithTheKeyOfTheStateFolder() throws Exception {
        assertThat(run("token", "operator")).isEqualTo(0);

        String token = out().trim();
        assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        DevKeys keys = DevKeys.loadOrCreate(dir.resolve("state").resolve("keys"));
        JwtConsumer verifier = new JwtConsumerBuilder()
                .setVerificationKey(KeyFactory.getInstance("RSA").generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(keys.publicKeyBase64()))))
                .setExpectedIssuer(DevKeys.ISSUER)
                .setExpectedAudience("safesend")
                .build();
        JwtClaims claims = verifier.processToClaims(token);
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("operator");
        assertThat(claims.getSubject()).isEqualTo("dev-operator");
    }

    @Test
    void aTokenNamingProjectsCarriesThemAndOneNamingNoneLeavesTheClaimOut() throws Exception {
        assertThat(run("token", "sender", "shop", "school", "shop")).isEqualTo(0);
        String limited = out().trim();
        JwtConsumer reader = new JwtConsumerBuilder().setSkipSignatureVerification().setExpectedAudience("safesend").build();
        assertThat(reader.processToClaims(limited).getStringListClaimValue(DevKeys.PROJECTS_CLAIM)).containsExactly("shop", "school");

        assertThat(run("token", "viewer")).isEqualTo(0);
        String all = out().trim().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(reader.processToClaims(all).hasClaim(DevKeys.PROJECTS_CLAIM)).isFalse();
    }

    @Test
    void aTokenForAMalformedProjectIdIsRefused() {
        assertThat(run("token", "sender", "Shop_1")).isEqualTo(2);
        assertThat(err()).contains("'Shop_1' is not a project id");
    }

    @Test
    void everyTokenOfAStateFolderIsSignedWithTheSameKey() {
        run("token", "admin");
        String publicKey = DevKeys.loadOrCreate(dir.resolve("state").resolve("keys")).publicKeyBase64();
        run("token", "viewer");

        assertThat(DevKeys.loadOrCreate(dir.resolve("state").resolve("keys")).publicKeyBase64()).isEqualTo(publicKey);
    }

    @Test
    void noArgumentsOrHelpPrintsUsageAndSucceeds() {
        assertThat(run()).isEqualTo(0);
        assertThat(run("help")).isEqualTo(0);
        assertThat(out()).contains("usage: ./safesend <command>", "up [--services", "token ROLE", "demo", "status");
    }

    @Test
    void statusTakesNoArgumentsAndDemoOnlyACampaignOfSomeContacts() {
        assertThat(run("status", "--verbose")).isEqualTo(2);
        assertThat(run("demo", "now")).isEqualTo(2);
        assertThat(run("demo", "campaign", "lots")).isEqualTo(2);
        assertThat(run("demo", "campaign", "0")).isEqualTo(2);
        assertThat(err()).contains("'status' takes no arguments", "'demo' takes nothing, or 'campaign'",
                "the campaign demo takes 1 to 1000000 contacts, not 'lots'");
        assertThat(CliCommand.parse("demo", "campaign")).isEqualTo(new CliCommand.Demo(10_000));
        assertThat(CliCommand.parse("demo", "campaign", "250")).isEqualTo(new CliCommand.Demo(250));
        assertThat(CliCommand.parse("demo")).isEqualTo(new CliCommand.Demo(0));
    }

    @Test
    void upDefaultsToEveryServiceAndTheDefaultTimeout() {
        CliCommand.Up up = (CliCommand.Up) CliCommand.parse("up");

        assertThat(up.services()).isEqualTo(EnumSet.allOf(PlatformService.class));
        assertThat(up.readinessTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(up.propertiesForAll()).isEmpty();
        assertThat(up.propertiesPerService()).isEmpty();
    }

    @Test
    void upTakesServicesByModuleOrShortNameATimeoutAndExtraProperties() {
        CliCommand.Up up = (CliCommand.Up) CliCommand.parse("up", "--services", "ingest,dispatch-service,simulator",
                "--timeout", "300", "--set", "quarkus.log.level=DEBUG", "--set", "analytics:safesend.x=a=b");

        assertThat(up.services()).containsExactly(PlatformService.INGEST, PlatformService.DISPATCH,
                PlatformService.CLOUD_API_SIMULATOR);
        assertThat(up.readinessTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(up.propertiesForAll()).containsExactlyInAnyOrderEntriesOf(Map.of("quarkus.log.level", "DEBUG"));
        assertThat(up.propertiesPerService()).containsExactlyInAnyOrderEntriesOf(
                Map.of(PlatformService.ANALYTICS, Map.of("safesend.x", "a=b")));
    }

    @Test
    void upRunsOnDevTokensUnlessKeycloakIsAskedFor() {
        assertThat(((CliCommand.Up) CliCommand.parse("up")).keycloak()).isFalse();
        CliCommand.Up up = (CliCommand.Up) CliCommand.parse("up", "--services", "ingest", "--keycloak", "--timeout", "200");

        assertThat(up.keycloak()).isTrue();
        assertThat(up.services()).containsExactly(PlatformService.INGEST);
        assertThat(up.readinessTimeout()).isEqualTo(Duration.ofSeconds(200));
        assertThat(run("help")).isEqualTo(0);
        assertThat(out()).contains("[--keycloak]", "--keycloak  also start Keycloak (localhost:8180");
    }

    @Test
    void whileAKeycloakPlatformRunsTokenRefusesProjectsOnTheCommandLineAndNamesWhereTheyComeFrom() throws Exception {
        StateFolder state = new StateFolder(dir.resolve("state")).create();
        state.writeKeycloakUrl(java.net.URI.create("http://localhost:1/realms/safesend"));

        assertThat(run("token", "operator", "shop")).isEqualTo(2);
        assertThat(err()).contains("the platform runs Keycloak (http://localhost:1/realms/safesend)",
                "its user's 'projects' attribute");
        assertThat(out()).isEmpty();
        // nothing answers on port 1: the error says so rather than printing a dev token Keycloak's services would refuse
        assertThat(run("token", "operator")).isEqualTo(1);
        assertThat(err()).contains("cannot reach Keycloak at http://localhost:1/realms/safesend/protocol/openid-connect/token");
        assertThat(out()).isEmpty();
    }

    @Test
    void upWithServicesNoneStartsOnlyTheInfrastructure() {
        CliCommand.Up up = (CliCommand.Up) CliCommand.parse("up", "--services", "none");

        assertThat(up.services()).isEmpty();
    }

    @Test
    void upRefusesUnknownServicesOptionsAndBadValues() {
        assertThatThrownBy(() -> CliCommand.parse("up", "--services", "billing"))
                .isInstanceOf(CliCommand.UsageException.class).hasMessageContaining("unknown service 'billing'");
        assertThatThrownBy(() -> CliCommand.parse("up", "--timeout", "soon"))
                .isInstanceOf(CliCommand.UsageException.class).hasMessageContaining("positive number of seconds");
        assertThatThrownBy(() -> CliCommand.parse("up", "--timeout"))
                .isInstanceOf(CliCommand.UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CliCommand.parse("up", "--set", "novalue"))
                .isInstanceOf(CliCommand.UsageException.class).hasMessageContaining("[SERVICE:]KEY=VALUE");
        assertThatThrownBy(() -> CliCommand.parse("up", "--detach"))
                .isInstanceOf(CliCommand.UsageException.class).hasMessageContaining("unknown option '--detach'");
        assertThat(run("up", "--services", "billing")).isEqualTo(2);
    }
}
