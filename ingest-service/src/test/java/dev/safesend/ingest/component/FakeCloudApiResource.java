package dev.safesend.ingest.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for the Cloud API's {@code GET /{version}/{waba}/message_templates} (Meta's Cloud API documentation:
 * {@code data} + {@code paging.cursors} + {@code next}, bearer token), serving a recorded catalog shaped like the
 * cloud-api-simulator's built-in templates plus three of ours. Pages of 3 so the sync must follow cursors.
 */
public class FakeCloudApiResource implements QuarkusTestResourceLifecycleManager {

    public static final String WABA = "100000000000001";
    public static final String TOKEN = "sim-access-token";

    private HttpServer server;

    public static ArrayNode catalog() {
        try (InputStream in = FakeCloudApiResource.class.getResourceAsStream("/templates/catalog.json")) {
            return (ArrayNode) new ObjectMapper().readTree(in).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        ArrayNode catalog = catalog();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> answer(exchange, catalog));
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.rest-client.cloud-api.url", "http://127.0.0.1:" + server.getAddress().getPort());
        config.put("safesend.ingest.templates.page-size", "3");
        // the in-process broker shares two cores with the service and the tests: a first publish can wait on it
        config.put("safesend.ingest.publish-timeout", "30s");
        config.put("safesend.ingest.marketing.opt-out-hint-projects", "shop-hint");
        config.put("safesend.ingest.routing.pools.pooled", "120000000000001,120000000000002,120000000000003");
        return config;
    }

    private static void answer(HttpExchange exchange, ArrayNode catalog) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}");
            return;
        }
        if (!path.matches("/v\\d+\\.\\d+/" + WABA + "/message_templates")) {
            send(exchange, 400, "{\"error\":{\"message\":\"Unsupported get request.\",\"type\":\"GraphMethodException\",\"code\":100}}");
            return;
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        int start = query.containsKey("after") ? Integer.parseInt(query.get("after")) + 1 : 0;
        ObjectMapper json = new ObjectMapper();
        ObjectNode page = json.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (int i = start; i < Math.min(catalog.size(), start + limit); i++) {
            data.add(catalog.get(i));
        }
        int last = Math.min(catalog.size(), start + limit) - 1;
        if (data.size() > 0) {
            ObjectNode paging = page.putObject("paging");
            paging.putObject("cursors").put("before", String.valueOf(start)).put("after", String.valueOf(last));
            if (last < catalog.size() - 1) {
                paging.put("next", "http://127.0.0.1/" + path + "?limit=" + limit + "&after=" + last);
            }
        }
        send(exchange, 200, json.writeValueAsString(page));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
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
