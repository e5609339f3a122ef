package dev.safesend.dispatch.client;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for Meta's send endpoint, isolating dispatch's component tests from the
 * simulator (the end-to-end IT uses the real simulator). Recipients ending in a Meta error code
 * (e.g. +1650555131026 is not used; +16505550126 → code from the map below) get that error;
 * {@link #SPAM_LIMITED_RECIPIENT} gets 131048.
 * {@code GET /_received} answers the raw JSON bodies received, one per line.
 */
public class FakeCloudApiResource implements QuarkusTestResourceLifecycleManager {

    /** A recipient whose send Meta refuses with 131048 (spam rate limit): dispatch pauses the sending number. */
    public static final String SPAM_LIMITED_RECIPIENT = "+16505550148";

    static final Map<String, String> ERRORS = Map.of(
            "+16505550126", "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\",\"code\":131026,"
                    + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Message Undeliverable.\"},\"fbtrace_id\":\"Az8\"}}",
            SPAM_LIMITED_RECIPIENT, "{\"error\":{\"message\":\"(#131048) Spam rate limit hit\",\"type\":\"OAuthException\","
                    + "\"code\":131048,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Message failed to send because "
                    + "there are restrictions on how many messages can be sent from this phone number.\"},\"fbtrace_id\":\"Az9\"}}");

    /** A recipient whose send is accepted but answered only after the client gave up waiting. */
    public static final String SLOW_RECIPIENT = "+16505550199";
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-cloud-api-late");
        t.setDaemon(true);
        return t;
    });

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/_received", exchange -> respond(exchange, 200, String.join("\n", received)));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"Bearer sim-access-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error\":{\"message\":\"(#190) token\",\"type\":\"OAuthException\",\"code\":190}}");
                return;
            }
            received.add(exchange.getRequestURI().getPath() + " " + body);
            if (body.contains("\"" + SLOW_RECIPIENT + "\"")) {
                // accepted, but the answer comes after the client's read timeout (set below): the sender cannot know
                LATER.schedule(() -> {
                    try {
                        respond(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.late\"}]}");
                    } catch (IOException | RuntimeException e) {
                        exchange.close();
                    }
                }, 3, TimeUnit.SECONDS);
                return;
            }
            String error = ERRORS.entrySet().stream().filter(e -> body.contains("\"" + e.getKey() + "\""))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (error != null) {
                respond(exchange, 400, error);
            } else {
                respond(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                        + "\"messages\":[{\"id\":\"wamid.fake-" + ids.incrementAndGet() + "\"}]}");
            }
        });
        server.start();
        return Map.of("safesend.dispatch.cloud-api.base-url", "http://localhost:" + server.getAddress().getPort(),
                "quarkus.rest-client.cloud-api.read-timeout", "1500");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
