package dev.safesend.platform;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Stands in for a service's quarkus-run.jar in component tests: answers {@code /q/health/ready} on
 * {@code quarkus.http.port} and shows its system properties at {@code /props}. With
 * {@code -Dfake.exit-code=N} it prints a line and exits at once, like a service that fails to start.
 */
public final class FakeQuarkusService {

    private FakeQuarkusService() {
    }

    public static void main(String[] args) throws IOException {
        String exitCode = System.getProperty("fake.exit-code");
        if (exitCode != null) {
            System.out.println("fake service failing on purpose: missing configuration safesend.fake.thing");
            System.exit(Integer.parseInt(exitCode));
        }
        int port = Integer.parseInt(System.getProperty("quarkus.http.port"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/q/health/ready", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        // dispatch's sender registry: the platform registers its default number once everything is ready
        server.createContext("/v1/senders", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("fake service registered sender " + body);
            answer(exchange, 201, body);
        });
        server.createContext("/props", exchange -> {
            Properties props = System.getProperties();
            StringBuilder body = new StringBuilder();
            new TreeMap<>(props).forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
            answer(exchange, 200, body.toString());
        });
        server.start();
        System.out.println("fake service listening on " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake service stopping");
            server.stop(0);
        }));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
