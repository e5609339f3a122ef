package dev.safesend.platform;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft, combined broker + controller) in its own JVM, from the
 * {@code kafka_2.13} jars this module copies to {@code target/lib}. Storage is formatted once (by
 * {@code kafka.tools.StorageTool}, a separate process because it calls {@code System.exit}) and kept
 * in the state folder, so topics and offsets survive a restart of the local platform.
 */
final class KafkaBroker {

    static final int PARTITIONS = 6;
    static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path java;
    private final String classpath;
    private final StateFolder state;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    KafkaBroker(Path java, Path libDir, StateFolder state, int port, int controllerPort) {
        this.java = java;
        this.classpath = libDir.resolve("*").toString();
        this.state = state;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Writes the configuration, formats storage if new, and launches the broker; {@link #awaitReady} waits for it. */
    void launch() {
        try {
            Files.createDirectories(state.kafkaData());
            Path serverProperties = state.kafka().resolve("server.properties");
            Path log4j = state.kafka().resolve("log4j2.properties");
            Files.writeString(serverProperties, serverProperties(), StandardCharsets.UTF_8);
            Files.writeString(log4j, log4jConfiguration(state.log("kafka")), StandardCharsets.UTF_8);
            if (!Files.exists(state.kafkaData().resolve("meta.properties"))) {
                format(serverProperties, log4j);
            }
            process = ChildProcess.start("kafka", command(log4j, "kafka.Kafka", serverProperties.toString()),
                    state.kafka(), state.log("kafka-console"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka in " + state.kafka() + ": " + e.getMessage(), e);
        }
    }

    private void format(Path serverProperties, Path log4j) throws IOException {
        Path clusterIdFile = state.kafka().resolve("cluster.id");
        String clusterId = Files.exists(clusterIdFile)
                ? Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim()
                : Uuid.randomUuid().toString();
        Files.writeString(clusterIdFile, clusterId, StandardCharsets.UTF_8);
        ChildProcess formatter = ChildProcess.start("kafka-format",
                command(log4j, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", serverProperties.toString(),
                        "--ignore-formatted"),
                state.kafka(), state.log("kafka-format"));
        if (!formatter.awaitExit(FORMAT_TIMEOUT)) {
            formatter.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("formatting Kafka storage did not finish within " + FORMAT_TIMEOUT.toSeconds()
                    + " s; see " + formatter.log());
        }
        if (formatter.exitCode() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + formatter.exitCode() + "):"
                    + System.lineSeparator() + formatter.logTail(30));
        }
    }

    private List<String> command(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-Dkafka.logs.dir=" + state.logs());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    String serverProperties() {
        return String.join("\n",
                "# written by the safesend local platform at each start; edit LocalPlatform, not this file",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + state.kafkaData(),
                "num.partitions=" + PARTITIONS,
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + PARTITIONS,
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=" + PARTITIONS,
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "# Kafka 4.0 makes a restarted single combined node wait out its old broker session before it may",
                "# register again (KAFKA-19130, fixed in 4.1): a short session keeps a restart quick",
                "broker.session.timeout.ms=4000",
                "broker.heartbeat.interval.ms=1000",
                "auto.create.topics.enable=true",
                "log.retention.hours=168",
                "");
    }

    static String log4jConfiguration(Path logFile) {
        String file = logFile.toString().replace("\\", "/");
        return String.join("\n",
                "# Kafka broker logging: one file in the state folder",
                "status = warn",
                "name = safesend-kafka",
                "# the broker logs its own shutdown: keep the file open until the JVM is gone",
                "shutdownHook = disable",
                "appender.file.type = File",
                "appender.file.name = FILE",
                "appender.file.fileName = " + file,
                "appender.file.append = true",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FILE",
                "logger.state.name = state.change.logger",
                "logger.state.level = WARN",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = WARN",
                "");
    }

    /** Polls {@code describeCluster} until the broker answers with a node (fails fast if the JVM exits). */
    CompletableFuture<Void> awaitReady(ScheduledExecutorService scheduler, Duration timeout) {
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "250"));
        CompletableFuture<Boolean> ready = Polling.until(scheduler, "Kafka broker readiness on " + bootstrapServers(),
                Duration.ofMillis(250), timeout, () -> {
                    if (!process.isAlive()) {
                        throw new Polling.GiveUp("the Kafka broker exited with code " + process.exitCode()
                                + " during startup; last lines of " + state.log("kafka") + ":" + System.lineSeparator()
                                + ChildProcess.logTail(state.log("kafka"), 30) + System.lineSeparator()
                                + ChildProcess.logTail(process.log(), 10));
                    }
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes().get(3, TimeUnit.SECONDS).size();
                    return nodes > 0 ? Optional.of(Boolean.TRUE) : Optional.empty();
                });
        return ready.whenComplete((value, error) -> admin.close(Duration.ofSeconds(2))).thenApply(value -> null);
    }

    Optional<ChildProcess> process() {
        return Optional.ofNullable(process);
    }

    void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }
}
