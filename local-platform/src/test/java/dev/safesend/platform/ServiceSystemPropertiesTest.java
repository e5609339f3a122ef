package dev.safesend.platform;

import dev.safesend.testsupport.DevKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSystemPropertiesTest {

    private static final PlatformSecrets SECRETS = new PlatformSecrets("app-secret", "verify-token", "access-token");

    @Test
    void everyServiceGetsTheWholeSharedConfigurationWithItsOwnHttpPort() {
        PlatformPorts ports = PlatformPorts.fixed();
        for (PlatformService service : PlatformService.values()) {
            Map<String, String> props = ServiceSystemProperties.of(service, ports, SECRETS, "PUBKEY", Map.of());

            assertThat(props).containsOnlyKeys("quarkus.profile",
                    "quarkus.http.port", "kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                    "quarkus.datasource.username", "quarkus.datasource.password", "quarkus.redis.hosts",
                    "quarkus.oidc.public-key", "quarkus.oidc.token.issuer",
                    "safesend.ingest.webhook.app-secret", "safesend.simulator.app-secret",
                    "safesend.ingest.webhook.verify-token",
                    "safesend.dispatch.cloud-api.access-token", "safesend.simulator.access-token",
                    "safesend.dispatch.cloud-api.base-url", "safesend.simulator.webhook-url",
                    "quarkus.rest-client.cloud-api.url", "safesend.ingest.templates.access-token",
                    "safesend.health-monitor.meta-access-token",
                    "quarkus.rest-client.consent.url", "quarkus.rest-client.dispatch.url", "quarkus.http.cors.origins",
                    "safesend.console.services.ingest", "safesend.console.services.dispatch",
                    "safesend.console.services.consent", "safesend.console.services.health-monitor",
                    "safesend.simulator.webhook.max-backoff", "safesend.dispatch.opt-out-path.intake.retry-window");
            assertThat(props)
                    .containsEntry("quarkus.profile", "local")
                    .containsEntry("quarkus.http.port", String.valueOf(service.fixedPort()))
                    .containsEntry("kafka.bootstrap.servers", "localhost:9092")
                    .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/safesend")
                    .containsEntry("quarkus.datasource.username", "postgres")
                    .containsEntry("quarkus.datasource.password", "postgres")
                    .containsEntry("quarkus.redis.hosts", "redis://localhost:6379")
                    .containsEntry("quarkus.oidc.public-key", "PUBKEY")
                    .containsEntry("quarkus.oidc.token.issuer", DevKeys.ISSUER)
                    .containsEntry("quarkus.rest-client.consent.url", "http://localhost:8083")
                    .containsEntry("quarkus.rest-client.dispatch.url", "http://localhost:8082")
                    // dispatch's hold after an intake disruption covers the local "Meta"'s longest wait between retries
                    .containsEntry("safesend.simulator.webhook.max-backoff", "2s")
                    .containsEntry("safesend.dispatch.opt-out-path.intake.retry-window", "5s");
        }
    }

    @Test
    void withKeycloakEveryServiceIsToldTheRealmAsOidcServerAndIssuerAndNoDevKey() {
        String realm = "http://localhost:8180/realms/safesend";
        for (PlatformService service : PlatformService.values()) {
            Map<String, String> props = ServiceSystemProperties.of(service, PlatformPorts.fixed(), SECRETS,
                    ServiceSystemProperties.oidcServerIdentity(realm), Map.of());
            Map<String, String> dev = ServiceSystemProperties.of(service, PlatformPorts.fixed(), SECRETS, "PUBKEY", Map.of());

            assertThat(props)
                    .containsEntry("quarkus.oidc.auth-server-url", realm)
                    .containsEntry("quarkus.oidc.token.issuer", realm)
                    .containsEntry("safesend.console.login.issuer", realm)
                    .containsEntry("safesend.console.login.client-id", "safesend-console")
                    .doesNotContainKey("quarkus.oidc.public-key");
            // nothing else differs from the dev-key run
            Map<String, String> rest = new java.util.HashMap<>(props);
            rest.remove("quarkus.oidc.auth-server-url");
            rest.remove("quarkus.oidc.token.issuer");
            rest.remove("safesend.console.login.issuer");
            rest.remove("safesend.console.login.client-id");
            Map<String, String> devRest = new java.util.HashMap<>(dev);
            devRest.remove("quarkus.oidc.public-key");
            devRest.remove("quarkus.oidc.token.issuer");
            assertThat(rest).isEqualTo(devRest);
        }
    }

    @Test
    void everyServiceAllowsTheConsolesOriginAndTheConsoleKnowsWhereEachApiIs() {
        PlatformPorts ports = PlatformPorts.randomFree();
        for (PlatformService service : PlatformService.values()) {
            assertThat(ServiceSystemProperties.of(service, ports, SECRETS, "PUBKEY", Map.of()))
                    .containsEntry("quarkus.http.cors.origins", "http://localhost:" + ports.service(PlatformService.ANALYTICS));
        }
        assertThat(ServiceSystemProperties.of(PlatformService.ANALYTICS, ports, SECRETS, "PUBKEY", Map.of()))
                .containsEntry("safesend.console.services.ingest", "http://localhost:" + ports.service(PlatformService.INGEST))
                .containsEntry("safesend.console.services.dispatch", "http://localhost:" + ports.service(PlatformService.DISPATCH))
                .containsEntry("safesend.console.services.consent", "http://localhost:" + ports.service(PlatformService.CONSENT))
                .containsEntry("safesend.console.services.health-monitor",
                        "http://localhost:" + ports.service(PlatformService.HEALTH_MONITOR));
    }

    @Test
    void bothSidesOfTheWebhookAndOfTheCloudApiShareOneSecret() {
        Map<String, String> props = ServiceSystemProperties.of(PlatformService.INGEST, PlatformPorts.fixed(), SECRETS,
                "PUBKEY", Map.of());

        assertThat(props)
                .containsEntry("safesend.ingest.webhook.app-secret", "app-secret")
                .containsEntry("safesend.simulator.app-secret", "app-secret")
                .containsEntry("safesend.ingest.webhook.verify-token", "verify-token")
                .containsEntry("safesend.dispatch.cloud-api.access-token", "access-token")
                .containsEntry("safesend.simulator.access-token", "access-token")
                .containsEntry("safesend.ingest.templates.access-token", "access-token")
                .containsEntry("safesend.health-monitor.meta-access-token", "access-token");
    }

    @Test
    void dispatchAndIngestCallTheSimulatorAndTheSimulatorCallsTheIngestWebhookOnTheirActualPorts() {
        PlatformPorts ports = PlatformPorts.randomFree();

        Map<String, String> props = ServiceSystemProperties.of(PlatformService.DISPATCH, ports, SECRETS, "PUBKEY", Map.of());

        assertThat(props)
                .containsEntry("safesend.dispatch.cloud-api.base-url",
                        "http://localhost:" + ports.service(PlatformService.CLOUD_API_SIMULATOR))
                .containsEntry("quarkus.rest-client.cloud-api.url",
                        "http://localhost:" + ports.service(PlatformService.CLOUD_API_SIMULATOR))
                .containsEntry("safesend.simulator.webhook-url",
                        "http://localhost:" + ports.service(PlatformService.INGEST) + "/webhooks/whatsapp")
                .containsEntry("quarkus.http.port", String.valueOf(ports.service(PlatformService.DISPATCH)))
                .containsEntry("kafka.bootstrap.servers", "localhost:" + ports.kafka());
    }

    @Test
    void extraPropertiesAreAddedAndOverrideComputedOnes() {
        Map<String, String> props = ServiceSystemProperties.of(PlatformService.ANALYTICS, PlatformPorts.fixed(), SECRETS,
                "PUBKEY", Map.of("quarkus.log.level", "DEBUG", "quarkus.datasource.password", "other"));

        assertThat(props).containsEntry("quarkus.log.level", "DEBUG").containsEntry("quarkus.datasource.password", "other");
        assertThat(ServiceSystemProperties.of(PlatformService.ANALYTICS, PlatformPorts.fixed(), SECRETS, "PUBKEY",
                Map.of("quarkus.profile", "prod"))).containsEntry("quarkus.profile", "prod");
    }

    @Test
    void serviceRunsItsRunnerJarWithSmallHeapSerialGcAndQuickStartThenTheProperties() {
        Path jar = PlatformService.CONSENT.runnerJar(Path.of("/repo"));

        List<String> command = ServiceSystemProperties.command(Path.of("/jdk/bin/java"), jar,
                Map.of("quarkus.http.port", "8083"));

        assertThat(jar).isEqualTo(Path.of("/repo/consent-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=8083", "-jar", "/repo/consent-service/target/quarkus-app/quarkus-run.jar");
    }
}
