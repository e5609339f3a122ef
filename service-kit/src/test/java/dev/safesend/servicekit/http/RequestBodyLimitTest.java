package dev.safesend.servicekit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The body limit on a real Vert.x server and real HTTP clients (no Quarkus): the answer is a 413 problem the client
 * reads, and the connection stays usable.
 */
class RequestBodyLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new RequestBodyLimit("8M", Optional.of("4M"), Optional.of(List.of("/webhooks=1M")), "16M", JSON).install(router);
        router.route().handler(rc -> rc.request().body().onSuccess(b -> rc.response().end("read " + b.length())));
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        port = server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSevenMegabyteBodyIsAnsweredWithA413ProblemTheClientReads() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[7 << 20])).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("type").asText()).isEqualTo("https://safesend.dev/problems/payload-too-large");
        assertThat(problem.get("detail").asText()).contains(String.valueOf(7 << 20)).contains(String.valueOf(1 << 20));
        assertThat(problem.get("instance").asText()).isEqualTo("/webhooks/whatsapp");
    }

    @Test
    void theConnectionServesTheNextRequestAfterARefusedBody() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] big = new byte[2 << 20];
            out.write(("POST /webhooks/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + big.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(big);
            out.write("POST /other HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> first = readResponse(in);
            assertThat(first.get(":status")).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            assertThat(first.get("content-type")).isEqualTo("application/problem+json");
            assertThat(first.get(":body")).contains("\"status\":413");
            Map<String, String> second = readResponse(in);
            assertThat(second.get(":status")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(second.get(":body")).isEqualTo("read 3");
        }
    }

    @Test
    void aBodyOverWhatIsWorthDiscardingIsAnsweredThenTheConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/things HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (1L << 30)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> answer = readResponse(in);
            assertThat(answer.get(":status")).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            assertThat(answer.get("connection")).isEqualTo("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aBodyWithinItsLimitIsServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/things"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 << 20])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("read " + (2 << 20));
    }

    @Test
    void aPathWithoutItsOwnLimitHasTheServiceDefaultNotTheCeiling() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/things"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5 << 20])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains(String.valueOf(4 << 20));
    }

    @Test
    void aLimitAboveQuarkusOwnCeilingDoesNotStart() {
        assertThatThrownBy(() -> new RequestBodyLimit("4M", Optional.of("8M"), Optional.empty(), "16M", JSON))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("safesend.http.max-body-size");
        assertThatThrownBy(() -> new RequestBodyLimit("4M", Optional.empty(), Optional.of(List.of("/v1/imports=1G")), "16M", JSON))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/v1/imports");
    }

    /** Status line, lower-cased headers and the body (by Content-Length) of one HTTP/1.1 response. */
    private static Map<String, String> readResponse(BufferedReader in) throws Exception {
        Map<String, String> response = new LinkedHashMap<>();
        response.put(":status", in.readLine());
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            response.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
        }
        char[] body = new char[Integer.parseInt(response.getOrDefault("content-length", "0"))];
        int read = 0;
        while (read < body.length) {
            int n = in.read(body, read, body.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        response.put(":body", new String(body, 0, read));
        return response;
    }
}
