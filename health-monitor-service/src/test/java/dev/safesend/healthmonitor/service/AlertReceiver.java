package dev.safesend.healthmonitor.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook targets on a random local port, each path with its own behaviour, keeping every POST:
 * <ul>
 *   <li>{@value #ALERTMANAGER_OK}, {@value #SLACK_OK}: 200</li>
 *   <li>{@value #ALERTMANAGER_FLAKY}: 500 to the first two POSTs of each Idempotency-Key, then 200</li>
 *   <li>{@value #ALERTMANAGER_DOWN}: always 503</li>
 *   <li>{@value #SLACK_REJECTING}: always 400 (what Slack answers a malformed or revoked webhook)</li>
 * </ul>
 */
public final class AlertReceiver {

    public static final String ALERTMANAGER_OK = "/alertmanager/ok/api/v2/alerts";
    public static final String ALERTMANAGER_FLAKY = "/alertmanager/flaky/api/v2/alerts";
    public static final String ALERTMANAGER_DOWN = "/alertmanager/down/api/v2/alerts";
    public static final String SLACK_OK = "/slack/ok/services/T000/B000/XXXX";
    public static final String SLACK_REJECTING = "/slack/rejecting/services/T000/B000/YYYY";

    /** One POST: where, its Idempotency-Key, its body, what it was answered and when it came. */
    public record Post(String path, String key, String body, int answered, Instant receivedAt) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> flakyFailuresLeft = new ConcurrentHashMap<>();

    public AlertReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Every POST carrying this Idempotency-Key (one delivery's attempts), in arrival order. */
    public List<Post> postsWithKey(String key) {
        return posts.stream().filter(p -> key.equals(p.key())).toList();
    }

    /** Every POST to {@code path} whose body contains {@code text}, in arrival order. */
    public List<Post> postsTo(String path, String text) {
        return posts.stream().filter(p -> p.path().equals(path) && p.body().contains(text)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int status = switch (path) {
            case ALERTMANAGER_OK, SLACK_OK -> 200;
            case ALERTMANAGER_FLAKY -> flakyFailuresLeft.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger(2))
                    .getAndDecrement() > 0 ? 500 : 200;
            case ALERTMANAGER_DOWN -> 503;
            case SLACK_REJECTING -> 400;
            default -> 404;
        };
        posts.add(new Post(path, key, body, status, at));
        byte[] answer = (status == 200 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
