package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two documented calls the demo and the end-to-end test make: send a message through ingest
 * ({@code POST /v1/messages}) and read its lifecycle from analytics ({@code GET /v1/messages/{id}}).
 */
public final class SafesendApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI ingest;
    private final URI analytics;
    private final HttpClient http;

    public SafesendApiClient(URI ingest, URI analytics) {
        this.ingest = ingest;
        this.analytics = analytics;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** One entry of a message's lifecycle as analytics shows it. */
    public record TimelineEntry(String status, String at, String source, String reason, Integer errorCode) {
    }

    /** A message as analytics shows it. */
    public record MessageView(String messageId, String status, String recipient, String senderId, String wamid,
                              List<TimelineEntry> timeline) {
    }

    /** A call answered with something other than what the API documents. */
    public static final class UnexpectedAnswerException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private final int status;

        UnexpectedAnswerException(String call, int status, String body) {
            super(call + " answered HTTP " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The JSON body of a template send request. */
    public static String templateRequest(String recipient, String project, String category, String template,
                                         String language, List<String> bodyParameters) {
        ObjectNode body = JSON.createObjectNode();
        body.put("recipient", recipient);
        body.put("project", project);
        body.put("category", category);
        ObjectNode templateNode = body.putObject("template");
        templateNode.put("name", template);
        templateNode.put("language", language);
        bodyParameters.forEach(templateNode.putArray("bodyParameters")::add);
        return body.toString();
    }

    /** The JSON body of a free-form text send request. */
    public static String textRequest(String recipient, String project, String category, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("recipient", recipient);
        body.put("project", project);
        body.put("category", category);
        body.putObject("text").put("body", text);
        return body.toString();
    }

    /** Sends a template message; returns the messageId of the 202 answer. */
    public String sendTemplate(String bearerToken, String recipient, String project, String category, String template,
                               String language, List<String> bodyParameters) {
        return send(bearerToken, templateRequest(recipient, project, category, template, language, bodyParameters));
    }

    /** Sends a free-form text message; returns the messageId of the 202 answer. */
    public String sendText(String bearerToken, String recipient, String project, String category, String text) {
        return send(bearerToken, textRequest(recipient, project, category, text));
    }

    /** POSTs a send request body as is; returns the messageId of the 202 answer. */
    public String send(String bearerToken, String requestBody) {
        HttpRequest request = HttpRequest.newBuilder(ingest.resolve("/v1/messages"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody))
                .build();
        HttpResponse<String> response = call(request);
        if (response.statusCode() != 202) {
            throw new UnexpectedAnswerException("POST " + request.uri(), response.statusCode(), response.body());
        }
        JsonNode id = parse(response.body()).path("messageId");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new UnexpectedAnswerException("POST " + request.uri() + " (no messageId)", 202, response.body());
        }
        return id.asText();
    }

    /** Records an opt-in (all categories) for a phone in a project at consent-service, as an admin would. */
    public void grantConsent(URI consent, String adminToken, String phone, String project, String proof) {
        ObjectNode body = JSON.createObjectNode().put("project", project).put("state", "OPTED_IN");
        body.putObject("evidence").put("source", "ADMIN").put("proof", proof);
        postJson(consent.resolve("/v1/contacts/" + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "/consent"), adminToken, body, 200);
    }

    /** Registers a business number in dispatch's sender registry; an existing registration (409) is left as it is. */
    public void registerSender(URI dispatch, String adminToken, String senderId, String project, int messagesPerSecond) {
        registerSender(dispatch, adminToken, senderId, project, messagesPerSecond, null);
    }

    /** The same, in a portfolio limited to {@code portfolioDailyUniqueLimit} unique recipients per rolling window (null: unlimited). */
    public void registerSender(URI dispatch, String adminToken, String senderId, String project, int messagesPerSecond,
                               Long portfolioDailyUniqueLimit) {
        ObjectNode body = JSON.createObjectNode().put("senderId", senderId).put("wabaId", "100000000000001")
                .put("displayNumber", "+15550000001").put("project", project).put("pool", "default")
                .put("messagesPerSecond", messagesPerSecond).put("portfolioId", "local-portfolio")
                .put("portfolioDailyUniqueLimit", portfolioDailyUniqueLimit).putNull("warmupStart")
                .put("quietHoursStart", "21:00").put("quietHoursEnd", "08:00");
        postJson(dispatch.resolve("/v1/senders"), adminToken, body, 201, 409);
    }

    /**
     * Any call: {@code body} (JSON, or CSV when {@code contentType} says so) to {@code uri}; answers the parsed JSON
     * body (an empty object for none). Any status but {@code ok} is an {@link UnexpectedAnswerException}.
     */
    public JsonNode exchange(String method, URI uri, String bearerToken, String contentType, String body, int... ok) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken).header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", contentType);
        }
        HttpRequest request = builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = call(request);
        if (Arrays.stream(ok).noneMatch(status -> status == response.statusCode())) {
            throw new UnexpectedAnswerException(method + " " + request.uri(), response.statusCode(), response.body());
        }
        return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
    }

    /** POSTs a JSON body as an admin; any status but {@code ok} is an {@link UnexpectedAnswerException}. */
    private void postJson(URI uri, String bearerToken, ObjectNode body, int... ok) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = call(request);
        if (Arrays.stream(ok).noneMatch(status -> status == response.statusCode())) {
            throw new UnexpectedAnswerException("POST " + request.uri(), response.statusCode(), response.body());
        }
    }

    /** The message as analytics knows it, or empty while analytics does not know it yet (404). */
    public Optional<MessageView> findMessage(String bearerToken, String messageId) {
        HttpRequest request = HttpRequest.newBuilder(analytics.resolve("/v1/messages/"
                        + URLEncoder.encode(messageId, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = call(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new UnexpectedAnswerException("GET " + request.uri(), response.statusCode(), response.body());
        }
        return Optional.of(messageView(parse(response.body())));
    }

    static MessageView messageView(JsonNode node) {
        List<TimelineEntry> timeline = new ArrayList<>();
        for (JsonNode entry : node.path("timeline")) {
            timeline.add(new TimelineEntry(text(entry, "status"), text(entry, "at"), text(entry, "source"),
                    text(entry, "reason"), entry.hasNonNull("errorCode") ? entry.get("errorCode").asInt() : null));
        }
        return new MessageView(text(node, "messageId"), text(node, "status"), text(node, "recipient"),
                text(node, "senderId"), text(node, "wamid"), List.copyOf(timeline));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
