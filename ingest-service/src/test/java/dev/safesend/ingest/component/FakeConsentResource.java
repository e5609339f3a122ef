package dev.safesend.ingest.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for consent-service's segments as ingest reads them ({@code GET /v1/segments/{id}/counts} and
 * {@code …/audience?cursor=&limit=}, keyset-paged by phone), with one segment, {@link #SEGMENT}: {@link #SIZE} members
 * opted in, all Zimbabwean numbers ({@link #member}), plus one contact without opt-in and one opted out. Any other
 * segment is a 404.
 */
public class FakeConsentResource implements QuarkusTestResourceLifecycleManager {

    public static final String SEGMENT = "forecast-seg";
    public static final int SIZE = 20;

    private HttpServer server;

    /** The {@code i}-th member's phone, in audience (keyset) order. */
    public static String member(int i) {
        return String.format("+2637730000%02d", i);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", FakeConsentResource::answer);
        server.start();
        return Map.of("quarkus.rest-client.consent.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        ObjectMapper json = new ObjectMapper();
        if (path.equals("/v1/segments/" + SEGMENT + "/counts")) {
            ObjectNode counts = json.createObjectNode().put("segmentId", SEGMENT).put("category", query.get("category"))
                    .put("matched", SIZE + 2).put("optedIn", SIZE);
            counts.putObject("dropped").put("NO_OPT_IN", 1).put("OPTED_OUT", 1);
            counts.putObject("optedInByRegion").put("ZW", SIZE);
            counts.putObject("optedInByLanguage").put("en", SIZE);
            send(exchange, 200, json.writeValueAsString(counts));
        } else if (path.equals("/v1/segments/" + SEGMENT + "/audience")) {
            String cursor = query.get("cursor");
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            List<String> page = new ArrayList<>();
            for (int i = 0; i < SIZE && page.size() < limit; i++) {
                if (cursor == null || member(i).compareTo(cursor) > 0) {
                    page.add(member(i));
                }
            }
            ObjectNode body = json.createObjectNode();
            ArrayNode items = body.putArray("items");
            page.forEach(phone -> items.addObject().put("phone", phone).put("name", "Member " + phone.substring(phone.length() - 2))
                    .put("language", "en").put("region", "ZW").putObject("attributes"));
            boolean more = !page.isEmpty() && page.get(page.size() - 1).compareTo(member(SIZE - 1)) < 0;
            body.put("nextCursor", more ? page.get(page.size() - 1) : null);
            send(exchange, 200, json.writeValueAsString(body));
        } else {
            send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
        }
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
