package dev.safesend.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each part of the local platform listens. {@link #fixed()} is the documented local layout
 * (Kafka 9092/9093, PostgreSQL 5432, Redis 6379, services 8081–8085 and 8089); {@link #randomFree()}
 * picks distinct free ports so a test platform never collides with a running one.
 */
public record PlatformPorts(int kafka, int kafkaController, int postgres, int redis, Map<PlatformService, Integer> services) {

    public static final int KAFKA = 9092;
    public static final int KAFKA_CONTROLLER = 9093;
    public static final int POSTGRES = 5432;
    public static final int REDIS = 6379;

    public PlatformPorts {
        EnumMap<PlatformService, Integer> copy = new EnumMap<>(PlatformService.class);
        copy.putAll(services);
        for (PlatformService service : PlatformService.values()) {
            if (!copy.containsKey(service)) {
                throw new IllegalArgumentException("no port for " + service.module());
            }
        }
        services = java.util.Collections.unmodifiableMap(copy);
        List<Integer> all = new ArrayList<>(List.of(kafka, kafkaController, postgres, redis));
        all.addAll(copy.values());
        if (all.stream().distinct().count() != all.size()) {
            throw new IllegalArgumentException("ports must be distinct: " + all);
        }
        for (int port : all) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
        }
    }

    /** The documented fixed ports of the local run. */
    public static PlatformPorts fixed() {
        Map<PlatformService, Integer> services = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            services.put(service, service.fixedPort());
        }
        return new PlatformPorts(KAFKA, KAFKA_CONTROLLER, POSTGRES, REDIS, services);
    }

    /**
     * Distinct ports that are free right now: every socket is held open until all are chosen, so
     * the operating system never hands out the same port twice.
     */
    public static PlatformPorts randomFree() {
        int count = 4 + PlatformService.values().length;
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            Map<PlatformService, Integer> services = new EnumMap<>(PlatformService.class);
            int next = 4;
            for (PlatformService service : PlatformService.values()) {
                services.put(service, ports.get(next++));
            }
            return new PlatformPorts(ports.get(0), ports.get(1), ports.get(2), ports.get(3), services);
        } catch (IOException e) {
            throw new IllegalStateException("cannot find free ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a socket we only used to learn a port number
                }
            }
        }
    }

    /** One port that is free right now (for a server outside the record, e.g. Keycloak in a test platform). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port: " + e.getMessage(), e);
        }
    }

    public int service(PlatformService service) {
        return services.get(service);
    }

    /** Every port the given services and the infrastructure need, named for messages, in start order. */
    public Map<String, Integer> named(Collection<PlatformService> started) {
        Map<String, Integer> named = new LinkedHashMap<>();
        named.put("Kafka", kafka);
        named.put("Kafka controller", kafkaController);
        named.put("PostgreSQL", postgres);
        named.put("Redis", redis);
        for (PlatformService service : PlatformService.values()) {
            if (started.contains(service)) {
                named.put(service.module(), services.get(service));
            }
        }
        return named;
    }

    /** Fails with a message naming the first port that something else already listens on. */
    public void requireFree(Collection<PlatformService> started) {
        for (Map.Entry<String, Integer> entry : named(started).entrySet()) {
            if (!isFree(entry.getValue())) {
                throw new PortInUseException(entry.getKey(), entry.getValue());
            }
        }
    }

    /** True when nothing listens on the port (on any local address). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the platform needs is taken. */
    public static final class PortInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private final int port;

        PortInUseException(String component, int port) {
            super("port " + port + " (" + component + ") is already in use; stop whatever listens on it"
                    + " (another './safesend up'? check with './safesend status') and try again");
            this.port = port;
        }

        PortInUseException(PortInUseException cause, String hint) {
            super(cause.getMessage() + "; " + hint, cause);
            this.port = cause.port;
        }

        public int port() {
            return port;
        }
    }
}
