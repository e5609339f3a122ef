package dev.safesend.platform;

import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedPostgresServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -D} system properties every service JVM of the local platform gets. The same set goes
 * to every service, simulator included (a property a service does not use is harmless); only
 * {@code quarkus.http.port} differs. System properties (ordinal 400) override the values of each
 * service's application.properties (ordinal 250).
 *
 * <p>Services run in the {@value #PROFILE} configuration profile, not {@code prod}: in {@code prod} a
 * service reads its settings from environment variables with no fallback (docs/architecture.md, "Configuration"), and the local
 * platform cannot know them all (e.g. the default sender pool, the OIDC server). In {@value #PROFILE}
 * the unprofiled "safe local defaults" apply, plus these properties, plus any {@code %local.} entries a
 * service adds for the local run. Pass {@code quarkus.profile=prod} as an extra to run prod config.
 */
public final class ServiceSystemProperties {

    /** JVM options for each service: small heap, quick start; the machines running this have 2 cores. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public static final String WEBHOOK_PATH = "/webhooks/whatsapp";

    /** The configuration profile services run in on the local platform. */
    public static final String PROFILE = "local";

    private ServiceSystemProperties() {
    }

    /**
     * @param extras added last, so they override any computed value (per-service tweaks, test knobs)
     */
    public static Map<String, String> of(PlatformService service, PlatformPorts ports, PlatformSecrets secrets,
                                         String publicKeyBase64, Map<String, String> extras) {
        return of(service, ports, secrets, devKeyIdentity(publicKeyBase64), extras);
    }

    /**
     * How services verify tokens by default: the dev public key and the dev issuer ({@code ./safesend token} signs
     * with the private half); no OIDC server is asked.
     */
    public static Map<String, String> devKeyIdentity(String publicKeyBase64) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("quarkus.oidc.public-key", publicKeyBase64);
        identity.put("quarkus.oidc.token.issuer", DevKeys.ISSUER);
        return identity;
    }

    /**
     * How services verify tokens with {@code ./safesend up --keycloak}: the realm is the OIDC server (keys from its
     * discovery document and JWKS) and the issuer of every token. The console (analytics) also gets the realm and its
     * public client for "Sign in" (authorization code + PKCE, docs/console.md); pasting a token still works.
     */
    public static Map<String, String> oidcServerIdentity(String realmUrl) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("quarkus.oidc.auth-server-url", realmUrl);
        identity.put("quarkus.oidc.token.issuer", realmUrl);
        identity.put("safesend.console.login.issuer", realmUrl);
        identity.put("safesend.console.login.client-id", KeycloakRealm.CONSOLE_CLIENT);
        return identity;
    }

    /**
     * @param identity how tokens are verified: {@link #devKeyIdentity} or {@link #oidcServerIdentity}
     * @param extras added last, so they override any computed value (per-service tweaks, test knobs)
     */
    public static Map<String, String> of(PlatformService service, PlatformPorts ports, PlatformSecrets secrets,
                                         Map<String, String> identity, Map<String, String> extras) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.profile", PROFILE);
        props.put("quarkus.http.port", String.valueOf(ports.service(service)));
        props.put("kafka.bootstrap.servers", "localhost:" + ports.kafka());
        props.put("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://localhost:" + ports.postgres() + "/" + EmbeddedPostgresServer.DATABASE);
        props.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        props.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        props.put("quarkus.redis.hosts", "redis://localhost:" + ports.redis());
        props.putAll(identity);
        props.put("safesend.ingest.webhook.app-secret", secrets.webhookAppSecret());
        props.put("safesend.simulator.app-secret", secrets.webhookAppSecret());
        props.put("safesend.ingest.webhook.verify-token", secrets.webhookVerifyToken());
        props.put("safesend.dispatch.cloud-api.access-token", secrets.cloudApiAccessToken());
        props.put("safesend.simulator.access-token", secrets.cloudApiAccessToken());
        String cloudApi = "http://localhost:" + ports.service(PlatformService.CLOUD_API_SIMULATOR);
        props.put("safesend.dispatch.cloud-api.base-url", cloudApi);
        // ingest syncs its template registry from the same Cloud API, with the same token
        props.put("quarkus.rest-client.cloud-api.url", cloudApi);
        props.put("safesend.ingest.templates.access-token", secrets.cloudApiAccessToken());
        // health-monitor reads each number's quality rating from the same Graph API
        props.put("safesend.health-monitor.meta-access-token", secrets.cloudApiAccessToken());
        // ingest reads campaign audiences from consent and sender quotas from dispatch
        props.put("quarkus.rest-client.consent.url", "http://localhost:" + ports.service(PlatformService.CONSENT));
        props.put("quarkus.rest-client.dispatch.url", "http://localhost:" + ports.service(PlatformService.DISPATCH));
        props.put("safesend.simulator.webhook-url",
                "http://localhost:" + ports.service(PlatformService.INGEST) + WEBHOOK_PATH);
        // the local "Meta" retries a failed webhook within 2 s (its default backs off to 30 s), so dispatch holds business
        // messages for 5 s, not 30 s, after ingest was away or refused a delivery (docs/opt-out-path.md)
        props.put("safesend.simulator.webhook.max-backoff", "2s");
        props.put("safesend.dispatch.opt-out-path.intake.retry-window", "5s");
        // the console (analytics, /console) calls the other services' APIs from the browser: analytics tells the page
        // where they are, and each allows the console's origin (CORS)
        props.put("quarkus.http.cors.origins", "http://localhost:" + ports.service(PlatformService.ANALYTICS));
        props.put("safesend.console.services.ingest", "http://localhost:" + ports.service(PlatformService.INGEST));
        props.put("safesend.console.services.dispatch", "http://localhost:" + ports.service(PlatformService.DISPATCH));
        props.put("safesend.console.services.consent", "http://localhost:" + ports.service(PlatformService.CONSENT));
        props.put("safesend.console.services.health-monitor", "http://localhost:" + ports.service(PlatformService.HEALTH_MONITOR));
        props.putAll(extras);
        return Collections.unmodifiableMap(props);
    }

    /** {@code java <JVM options> -Dk=v… -jar <runner jar>}. */
    public static List<String> command(Path javaExecutable, Path runnerJar, Map<String, String> props) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(JVM_OPTIONS);
        props.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runnerJar.toString());
        return command;
    }
}
