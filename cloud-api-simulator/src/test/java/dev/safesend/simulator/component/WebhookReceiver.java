package dev.safesend.simulator.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

/**
 * A tiny webhook endpoint on a random port that keeps every POST's raw bytes and headers, and can
 * be told to answer 500 to POSTs containing a marker.
 */
public final class WebhookReceiver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIFECYCLE = List.of("sent", "delivered", "read", "failed");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> failuresByMarker = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhooks/whatsapp", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/whatsapp";
    }

    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    public void clear() {
        received.clear();
        failuresByMarker.clear();
    }

    /** Answer 500 to the next {@code times} POSTs whose body contains {@code marker}. */
    public void failPostsContaining(String marker, int times) {
        failuresByMarker.put(marker, new AtomicInteger(times));
    }

    /** POSTs answered 2xx, in arrival order. */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answeredStatus() == 200).toList();
    }

    /** All POSTs, in arrival order, including those answered 500. */
    public List<Received> all() {
        return List.copyOf(received);
    }

    /**
     * Statuses for {@code wamid} from POSTs answered 2xx, in the order they happened: by their
     * {@code timestamp}, then sent, delivered, read, failed for the same second. Not arrival order:
     * the emitter has several POSTs in flight, so a later status can overtake an earlier one on the
     * wire, as it can from Meta.
     */
    public List<JsonNode> statusesOf(String wamid) {
        List<JsonNode> statuses = statusesInArrivalOrder(wamid);
        statuses.sort(Comparator.comparingLong((JsonNode status) -> status.path("timestamp").asLong())
                .thenComparingInt(status -> LIFECYCLE.indexOf(status.path("status").asText())));
        return statuses;
    }

    private List<JsonNode> statusesInArrivalOrder(String wamid) {
        List<JsonNode> statuses = new ArrayList<>();
        for (Received post : accepted()) {
            for (JsonNode change : changes(post.json())) {
                for (JsonNode status : change.path("value").path("statuses")) {
                    if (wamid.equals(status.path("id").asText())) {
                        statuses.add(status);
                    }
                }
            }
        }
        return statuses;
    }

    /** Changes with {@code field} from POSTs answered 2xx. */
    public List<JsonNode> changesOf(String field) {
        return accepted().stream().flatMap(post -> changes(post.json()).stream())
                .filter(change -> field.equals(change.path("field").asText())).toList();
    }

    private static List<JsonNode> changes(JsonNode envelope) {
        return StreamSupport.stream(envelope.path("entry").spliterator(), false)
                .flatMap(entry -> StreamSupport.stream(entry.path("changes").spliterator(), false)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int status = 200;
        for (var failure : failuresByMarker.entrySet()) {
            if (text.contains(failure.getKey()) && failure.getValue().getAndDecrement() > 0) {
                status = 500;
            }
        }
        received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                exchange.getRequestHeaders().getFirst("Content-Type"), status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** One POST as it arrived. */
    public record Received(byte[] body, String signature, String contentType, int answeredStatus) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Recomputes the HMAC over the raw bytes, independently of the simulator's code. */
        public boolean signatureVerifies(String appSecret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
                return expected.equals(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
