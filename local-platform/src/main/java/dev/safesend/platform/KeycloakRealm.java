package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code safesend} realm of the local Keycloak ({@code keycloak/safesend-realm.json}) as a client sees it: its
 * clients, dev users and dev secrets (local only, documented in docs/operations.md, "Identity (Keycloak)"), and
 * tokens fetched from its token endpoint.
 *
 * <ul>
 *   <li>{@value #CONSOLE_CLIENT}: public client for people (console, CLI); the password grant is allowed for the local
 *       dev users {@code admin}, {@code operator}, {@code viewer} (role of the same name, every project) and
 *       {@code demo-operator} (operator, project {@code demo}).</li>
 *   <li>{@value #INTERNAL_CLIENT}: confidential, client credentials; its service account holds role {@code sender}.</li>
 *   <li>{@value #SERVICES_CLIENT}: confidential, client credentials; role {@code viewer}, tokens valid 30 days: the
 *       token ingest and health-monitor call the other services with.</li>
 * </ul>
 */
public final class KeycloakRealm {

    public static final String NAME = "safesend";
    public static final String CONSOLE_CLIENT = "safesend-console";
    public static final String INTERNAL_CLIENT = "safesend-internal";
    public static final String INTERNAL_SECRET = "safesend-internal-dev-secret";
    public static final String SERVICES_CLIENT = "safesend-services";
    public static final String SERVICES_SECRET = "safesend-services-dev-secret";
    /** The dev users by role ({@code sender} is the internal client's service account, not a person). */
    public static final Map<String, String> DEV_USERS = Map.of("admin", "admin", "operator", "operator", "viewer", "viewer");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI realmUrl;
    private final HttpClient http;

    public KeycloakRealm(URI realmUrl) {
        this.realmUrl = realmUrl;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    public URI realmUrl() {
        return realmUrl;
    }

    /** The dev password of a dev user: {@code <user>-dev-password}. */
    public static String devPassword(String user) {
        return user + "-dev-password";
    }

    /**
     * A token for {@code role} as {@code ./safesend token ROLE} prints it: the dev user of that role (password grant at
     * {@value #CONSOLE_CLIENT}), or for {@code sender} the internal client's (client credentials).
     */
    public String tokenFor(String role) {
        if (role.equals("sender")) {
            return clientCredentialsToken(INTERNAL_CLIENT, INTERNAL_SECRET);
        }
        String user = DEV_USERS.get(role);
        if (user == null) {
            throw new IllegalArgumentException("unknown role '" + role + "'; roles are admin, operator, viewer, sender");
        }
        return passwordToken(user, devPassword(user));
    }

    /** The password grant at {@value #CONSOLE_CLIENT}. */
    public String passwordToken(String user, String password) {
        return token(realmUrl, Map.of("grant_type", "password", "client_id", CONSOLE_CLIENT, "username", user, "password", password));
    }

    /** The client credentials grant. */
    public String clientCredentialsToken(String clientId, String secret) {
        return token(realmUrl, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A master-realm token of Keycloak's bootstrap administrator (admin-cli), for its admin REST API. */
    public String adminApiToken() {
        URI master = realmUrl.resolve("/realms/master");
        return token(master, Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", KeycloakServer.BOOTSTRAP_ADMIN, "password", KeycloakServer.BOOTSTRAP_ADMIN_PASSWORD));
    }

    private String token(URI realm, Map<String, String> form) {
        URI endpoint = URI.create(realm + "/protocol/openid-connect/token");
        Map<String, String> ordered = new LinkedHashMap<>(form);
        String body = ordered.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + form.get("grant_type") + " for "
                        + form.getOrDefault("username", form.get("client_id")) + "): HTTP " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode token = JSON.readTree(response.body()).path("access_token");
            if (!token.isTextual()) {
                throw new IllegalStateException("no access_token in Keycloak's answer from " + endpoint);
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Keycloak at " + endpoint + " (" + e.getMessage()
                    + "); is './safesend up --keycloak' running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Keycloak for a token", e);
        }
    }
}
