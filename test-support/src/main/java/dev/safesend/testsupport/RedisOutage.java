package dev.safesend.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Redis stopped under a running service, as a crash or a restart looks to it: the server at {@code port} is shut
 * down ({@code SHUTDOWN NOSAVE}: its data is lost, as after a restart without persistence) and every connection is
 * refused until {@link #close()} starts a new, empty Redis on the same port. The restarted server lives until the
 * JVM exits (the test resource that started the first one only knows that one).
 */
public final class RedisOutage implements AutoCloseable {

    private final int port;
    private boolean ended;

    private RedisOutage(int port) {
        this.port = port;
    }

    /** Stops the Redis at {@code localhost:port} and waits until it refuses connections. */
    public static RedisOutage start(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // the server closes the connection as it exits
            }
        } catch (IOException e) {
            // a closed connection is the expected answer to SHUTDOWN
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (answers(port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Redis on port " + port + " did not stop");
            }
            Thread.onSpinWait();
        }
        return new RedisOutage(port);
    }

    /** The port of {@code redis://host:port}. */
    public static int portOf(String redisUrl) {
        String hostPort = redisUrl.substring(redisUrl.indexOf("://") + 3);
        int slash = hostPort.indexOf('/');
        hostPort = slash < 0 ? hostPort : hostPort.substring(0, slash);
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the outage: a new, empty Redis answers on the same port. */
    @Override
    public synchronized void close() {
        if (ended) {
            return;
        }
        ended = true;
        EmbeddedRedisServer restarted = EmbeddedRedisServer.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(restarted::close, "redis-outage-restarted"));
    }
}
