package dev.safesend.testsupport;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;

/** A real Redis 6.2 server as a child process (bundled binary in embedded-redis). */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param port 0 for a random free port */
    public static EmbeddedRedisServer start(int port) {
        try {
            int chosen = port > 0 ? port : freePort();
            RedisServer server = RedisServer.newRedisServer().port(chosen).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return new EmbeddedRedisServer(server, chosen);
        } catch (IOException e) {
            throw new IllegalStateException("embedded Redis did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://localhost:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
