package dev.safesend.ingest.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for dispatch-service's {@code POST /v1/recipients:marketing-history} as ingest's forecast reads it: each
 * recipient given a verdict here ({@link #suppress}, {@link #defer}) is answered with it, a suppression only when the
 * request carries exactly the digest given (so a digest computed differently from dispatch's is not counted), anything
 * else passes. What was asked is kept ({@link #asked}). {@link #down} makes it answer 503. Every other path is a 404,
 * so the senders' quotas fall back to the default rate as when dispatch is away.
 */
public class FakeDispatchResource implements QuarkusTestResourceLifecycleManager {

    /** One request as received: its instant and its items' recipients and digests. */
    public record Asked(Instant at, List<String> recipients, List<String> contentHashes) {
    }

    private record Verdict(String contentHash, String outcome, String reason, Instant until) {
    }

    private static final Map<String, Verdict> VERDICTS = new ConcurrentHashMap<>();
    private static final List<Asked> ASKED = new CopyOnWriteArrayList<>();
    private static volatile boolean down;

    private HttpServer server;

    /** Dispatch answers IDENTICAL_CONTENT_WITHIN_30_DAYS for the recipient asked with this digest. */
    public static void suppress(String recipient, String contentHash) {
        VERDICTS.put(recipient, new Verdict(contentHash, "SUPPRESSED", "IDENTICAL_CONTENT_WITHIN_30_DAYS", null));
    }

    /** Dispatch answers MARKETING_FREQUENCY_CAP until {@code until} for the recipient, whatever the content. */
    public static void defer(String recipient, Instant until) {
        VERDICTS.put(recipient, new Verdict(null, "DEFERRED", "MARKETING_FREQUENCY_CAP", until));
    }

    public static void down(boolean isDown) {
        down = isDown;
    }

    public static List<Asked> asked() {
        return List.copyOf(ASKED);
    }

    public static void reset() {
        VERDICTS.clear();
        ASKED.clear();
        down = false;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", FakeDispatchResource::answer);
        server.start();
        return Map.of("quarkus.rest-client.dispatch.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath(); // decoded: a %3A arrives as ':'
        if (!path.equals("/v1/recipients:marketing-history") || !exchange.getRequestMethod().equals("POST")) {
            send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
            return;
        }
        if (down) {
            send(exchange, 503, "{\"status\":503,\"title\":\"Service Unavailable\"}");
            return;
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode query = json.readTree(exchange.getRequestBody());
        JsonNode items = query.path("items");
        List<String> recipients = new java.util.ArrayList<>();
        List<String> hashes = new java.util.ArrayList<>();
        ObjectNode body = json.createObjectNode().put("at", query.path("at").asText(null)).put("evaluated", items.size());
        ArrayNode stopped = body.putArray("items");
        for (int i = 0; i < items.size(); i++) {
            String recipient = items.get(i).path("recipient").asText();
            String hash = items.get(i).path("contentHash").asText();
            recipients.add(recipient);
            hashes.add(hash);
            Verdict v = VERDICTS.get(recipient);
            if (v != null && (v.contentHash() == null || v.contentHash().equals(hash))) {
                stopped.addObject().put("index", i).put("recipient", recipient).put("outcome", v.outcome()).put("reason", v.reason())
                        .put("until", v.until() == null ? null : v.until().toString());
            }
        }
        ASKED.add(new Asked(query.hasNonNull("at") ? Instant.parse(query.get("at").asText()) : null, recipients, hashes));
        send(exchange, 200, json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
