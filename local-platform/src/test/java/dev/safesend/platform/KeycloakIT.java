package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15: the local platform with a real identity provider ({@code ./safesend up --keycloak}). Keycloak starts from
 * the Maven-resolved distribution with the realm of {@code keycloak/safesend-realm.json}; ingest (and the simulator
 * its template registry reads) verify Keycloak's tokens: the client-credentials client sends a message, a person's
 * password-grant token reads an operators' endpoint, a token without the role is refused 403, a role granted or taken
 * away through Keycloak's admin REST API changes the answer to the next token, a user's {@code projects} attribute
 * limits its token, and a token Keycloak did not sign (the dev key's, or Keycloak's own with its claims changed) is 401.
 *
 * <p>Only ingest and the simulator run: the send is checked up to ingest's 202 (the delivery path is the dev-key
 * end-to-end tests' business; nothing in it reads tokens).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "safesend.e2e.enabled", matches = "true",
        disabledReason = "skipped with -Dsafesend.e2e.enabled=false (property in local-platform/pom.xml)")
class KeycloakIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Readable by operators and admins, not viewers (ingest's UnidentifiedUpdateResource). */
    private static final String OPERATORS_ENDPOINT = "/v1/webhooks/unidentified";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private LocalPlatform platform;
    private KeycloakRealm realm;
    private URI ingest;

    @BeforeAll
    void startKeycloakAndIngest() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "keycloak-state-");
        platform = LocalPlatform.builder(repoRoot()).stateDir(state).randomPorts().keycloak(0)
                .services(List.of(PlatformService.INGEST, PlatformService.CLOUD_API_SIMULATOR))
                .progress(line -> System.out.println("[keycloak] " + line)).build();
        platform.start();
        System.out.println("[keycloak] start timings " + platform.startupTimings());
        realm = platform.keycloakRealm().orElseThrow();
        ingest = platform.serviceUrl(PlatformService.INGEST);
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void servicesAreToldTheRealmInsteadOfTheDevKey() {
        assertThat(platform.systemProperties(PlatformService.INGEST))
                .containsEntry("quarkus.oidc.auth-server-url", realm.realmUrl().toString())
                .containsEntry("quarkus.oidc.token.issuer", realm.realmUrl().toString())
                .doesNotContainKey("quarkus.oidc.public-key");
        assertThat(platform.state().keycloakUrl()).contains(realm.realmUrl());
    }

    @Test
    void theInternalClientsClientCredentialsTokenSendsAMessageThroughIngest() throws Exception {
        String token = realm.clientCredentialsToken(KeycloakRealm.INTERNAL_CLIENT, KeycloakRealm.INTERNAL_SECRET);
        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(realm.realmUrl().toString());
        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactly("sender");
        assertThat(claims.has("projects")).as("no projects attribute: every project").isFalse();

        HttpResponse<String> sent = post(token, "/v1/messages", SafesendApiClient.templateRequest("+263771234567", "e2e",
                "UTILITY", "order_update", "en_US", List.of("Tariro", "C-4567")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(JSON.readTree(sent.body()).path("messageId").asText()).isNotBlank();

        // a person's token without role sender (or admin) may not send
        HttpResponse<String> byViewer = post(realm.tokenFor("viewer"), "/v1/messages", SafesendApiClient.templateRequest(
                "+263771234568", "e2e", "UTILITY", "order_update", "en_US", List.of("Tariro", "C-4568")));
        assertThat(byViewer.statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorsPasswordGrantTokenReadsAnOperatorsEndpointAndAViewersIsRefused() throws Exception {
        String operator = realm.passwordToken("operator", KeycloakRealm.devPassword("operator"));
        assertThat(claims(operator).path("preferred_username").asText()).isEqualTo("operator");
        assertThat(get(operator, OPERATORS_ENDPOINT).statusCode()).isEqualTo(200);
        assertThat(get(realm.tokenFor("viewer"), OPERATORS_ENDPOINT).statusCode()).isEqualTo(403);
        assertThat(get(realm.tokenFor("admin"), OPERATORS_ENDPOINT).statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleGrantedOrTakenAwayInKeycloakChangesTheAnswerToTheNextToken() throws Exception {
        String admin = realm.adminApiToken();
        URI realmAdmin = URI.create(realm.realmUrl().toString().replace("/realms/", "/admin/realms/"));
        String viewerId = send(admin, HttpRequest.newBuilder(URI.create(realmAdmin + "/users?exact=true&username=viewer")).GET())
                .get(0).path("id").asText();
        JsonNode operatorRole = send(admin, HttpRequest.newBuilder(URI.create(realmAdmin + "/roles/operator")).GET());
        URI viewerRoles = URI.create(realmAdmin + "/users/" + viewerId + "/role-mappings/realm");
        String before = realm.tokenFor("viewer");
        assertThat(get(before, OPERATORS_ENDPOINT).statusCode()).isEqualTo(403);
        try {
            send(admin, HttpRequest.newBuilder(viewerRoles).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + operatorRole + "]")));
            String granted = realm.tokenFor("viewer");
            assertThat(claims(granted).path("groups")).extracting(JsonNode::asText).contains("viewer", "operator");
            assertThat(get(granted, OPERATORS_ENDPOINT).statusCode()).isEqualTo(200);
            // a token carries its roles: the one issued before the grant still has none of operator's rights
            assertThat(get(before, OPERATORS_ENDPOINT).statusCode()).isEqualTo(403);
        } finally {
            send(admin, HttpRequest.newBuilder(viewerRoles).header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString("[" + operatorRole + "]")));
        }
        String removed = realm.tokenFor("viewer");
        assertThat(claims(removed).path("groups")).extracting(JsonNode::asText).doesNotContain("operator");
        assertThat(get(removed, OPERATORS_ENDPOINT).statusCode()).isEqualTo(403);
    }

    @Test
    void aUsersProjectsAttributeLimitsItsTokenToThoseProjects() throws Exception {
        String demoOperator = realm.passwordToken("demo-operator", KeycloakRealm.devPassword("demo-operator"));
        assertThat(claims(demoOperator).path("projects")).extracting(JsonNode::asText).containsExactly("demo");
        HttpResponse<String> other = get(demoOperator, "/v1/projects/e2e");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("project-forbidden").contains("'e2e'");
        assertThat(get(realm.tokenFor("operator"), "/v1/projects/e2e").statusCode()).isNotIn(401, 403);
    }

    @Test
    void theServiceTokenIngestCallsOtherServicesWithIsTheServicesClientsAndValidForThirtyDays() throws Exception {
        String token = platform.systemProperties(PlatformService.INGEST).get("safesend.ingest.campaigns.service-token");
        JsonNode claims = claims(token);
        assertThat(claims.path("azp").asText()).isEqualTo(KeycloakRealm.SERVICES_CLIENT);
        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactly("viewer");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isGreaterThanOrEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(get(token, "/v1/projects").statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenKeycloakDidNotSignIsRefused401() throws Exception {
        // the dev key's token (other issuer, other key) that the default './safesend up' accepts
        assertThat(get(platform.devKeys().token("admin"), OPERATORS_ENDPOINT).statusCode()).isEqualTo(401);
        assertThat(get(platform.devKeys().tokenFrom(realm.realmUrl().toString(), "forger", "admin"), OPERATORS_ENDPOINT)
                .statusCode()).as("the realm's issuer, signed with another key").isEqualTo(401);
        // Keycloak's own viewer token with its roles changed to admin: the signature no longer matches
        String[] parts = realm.tokenFor("viewer").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"groups\":[\"viewer\"]", "\"groups\":[\"admin\"]");
        assertThat(payload).contains("\"groups\":[\"admin\"]");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(get(forged, OPERATORS_ENDPOINT).statusCode()).isEqualTo(401);
        assertThat(get(null, OPERATORS_ENDPOINT).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(ingest.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A call to Keycloak's admin REST API; its JSON answer (an empty object for 204). */
    private JsonNode send(String adminToken, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static Path repoRoot() {
        for (Path dir = MODULE; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("safesend")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding the 'safesend' script above " + MODULE);
    }
}
