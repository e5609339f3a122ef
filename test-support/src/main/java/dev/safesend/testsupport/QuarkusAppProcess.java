package dev.safesend.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus app of this reactor ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as a child JVM
 * on a free port, for tests and benchmarks that need a second real service next to the one under test (the
 * Cloud API simulator, or the service itself when a test must kill it). The reactor builds every module's
 * package before a later module's tests run, so the jar is there in {@code ./mvnw verify}.
 */
public final class QuarkusAppProcess implements AutoCloseable {

    private final String module;
    private final Map<String, String> properties;
    private final List<String> jvmArgs;
    private final int port;
    private final Path log;
    private Process process;

    private QuarkusAppProcess(String module, Map<String, String> properties, List<String> jvmArgs, int port) {
        this.module = module;
        this.properties = properties;
        this.jvmArgs = jvmArgs;
        this.port = port;
        this.log = Path.of("target", "child-" + module + "-" + port + ".log").toAbsolutePath();
    }

    /** Starts the module's app with the properties (as -D flags) and waits until {@code /q/health/ready} answers 200. */
    public static QuarkusAppProcess start(String module, Map<String, String> properties, List<String> jvmArgs, Duration readyWithin) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.profile", "local"); // unprofiled defaults (as ./safesend up runs them); %prod wants env vars
        props.putAll(properties);
        QuarkusAppProcess app = new QuarkusAppProcess(module, props, List.copyOf(jvmArgs), freePort());
        app.launch(readyWithin);
        return app;
    }

    public static QuarkusAppProcess start(String module, Map<String, String> properties) {
        return start(module, properties, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(90));
    }

    /** The module's packaged jar, found from the current module's directory upwards. */
    public static Path jarOf(String module) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path jar = dir.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(module + "/target/quarkus-app/quarkus-run.jar not found: package it first "
                + "(./mvnw verify builds it before the modules that use it)");
    }

    private void launch(Duration readyWithin) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jarOf(module).toString());
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module + ": " + e.getMessage(), e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + readyWithin.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(module + " was not ready within " + readyWithin + "; see " + log);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The JVM's process id (for CPU and memory readings from /proc); -1 when not running. */
    public long pid() {
        return process == null || !process.isAlive() ? -1 : process.pid();
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hooks, no graceful Kafka close — a crash. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the JVM as Kubernetes does (SIGTERM, its shutdown hooks run) and waits up to {@code grace} for it to exit;
     * past that it is killed and this fails, as a pod past its termination grace period would be.
     *
     * @return how long the graceful stop took
     */
    public Duration terminate(Duration grace) {
        long began = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(module + " did not stop within " + grace + " of SIGTERM; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** Starts the same app again on the same port, as a restarted pod would. */
    public void restart(Duration readyWithin) {
        kill();
        launch(readyWithin);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
