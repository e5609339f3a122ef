package dev.safesend.platform;

import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedKafka;
import dev.safesend.testsupport.EmbeddedPostgresServer;
import dev.safesend.testsupport.EmbeddedRedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole safesend platform on one machine, without Docker: a real Kafka broker in its own JVM,
 * PostgreSQL and Redis (embedded servers, child processes), and each service as a child JVM running
 * its Quarkus fast-jar. {@link #start()} returns when everything answers; {@link #close()} stops the
 * services (SIGTERM, ≤10 s, then kill), then Keycloak (when it runs one: {@link Builder#keycloak}), Redis, PostgreSQL and
 * Kafka. Used by
 * {@code ./safesend up} (fixed ports, state in {@code <repo>/.safesend}) and by the end-to-end test
 * (random ports, state under target/).
 */
public final class LocalPlatform implements AutoCloseable {

    public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(120);
    static final Duration KAFKA_READINESS_TIMEOUT = Duration.ofSeconds(90);
    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(10);
    static final String READY_PATH = "/q/health/ready";
    /** The number of ingest's default sender pool in the local run (and the simulator's first number). */
    static final String DEFAULT_SENDER = "110000000000001";

    private final Path repoRoot;
    private final StateFolder state;
    private final PlatformPorts ports;
    private final Set<PlatformService> services;
    private final Map<String, String> propertiesForAll;
    private final Map<PlatformService, Map<String, String>> propertiesPerService;
    private final Duration readinessTimeout;
    private final Path kafkaLibDir;
    private final Integer keycloakPort;
    private final Path keycloakDir;
    private final Path java;
    private final Consumer<String> progress;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Duration> timings = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<PlatformService, ChildProcess> serviceProcesses = Collections.synchronizedMap(new EnumMap<>(PlatformService.class));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private ScheduledExecutorService scheduler;
    private DevKeys devKeys;
    private PlatformSecrets secrets;
    private KafkaBroker kafka;
    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;
    private KeycloakServer keycloak;
    private KeycloakRealm realm;
    /** Fetched from Keycloak once it is ready (--keycloak): what ingest and health-monitor call other services with. */
    private String keycloakServiceToken;

    private LocalPlatform(Builder builder) {
        this.repoRoot = builder.repoRoot;
        this.state = builder.state != null ? builder.state : StateFolder.inRepo(builder.repoRoot);
        this.ports = builder.ports != null ? builder.ports : PlatformPorts.fixed();
        this.services = Collections.unmodifiableSet(EnumSet.copyOf(builder.services));
        this.propertiesForAll = Map.copyOf(builder.propertiesForAll);
        Map<PlatformService, Map<String, String>> perService = new EnumMap<>(PlatformService.class);
        builder.propertiesPerService.forEach((service, props) -> perService.put(service, Map.copyOf(props)));
        this.propertiesPerService = perService;
        this.readinessTimeout = builder.readinessTimeout;
        this.kafkaLibDir = builder.kafkaLibDir != null ? builder.kafkaLibDir
                : builder.repoRoot.resolve("local-platform").resolve("target").resolve("lib");
        this.keycloakPort = builder.keycloakPort;
        this.keycloakDir = builder.keycloakDir != null ? builder.keycloakDir
                : builder.repoRoot.resolve("local-platform").resolve("target").resolve("keycloak");
        this.java = Path.of(System.getProperty("java.home"), "bin", "java");
        this.progress = builder.progress;
    }

    /** @param repoRoot the folder holding the reactor pom and the {@code safesend} script */
    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    /**
     * Starts everything and returns when Kafka has its topics and every service answers 200 on
     * {@code /q/health/ready}. On any failure it stops what it started and throws an
     * {@link IllegalStateException} naming what failed (with the tail of its log).
     */
    public LocalPlatform start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this platform was already started");
        }
        long begin = System.nanoTime();
        requireRunnable();
        state.create();
        devKeys = DevKeys.loadOrCreate(state.keys());
        secrets = PlatformSecrets.loadOrCreate(state.secretsFile());
        scheduler = Executors.newScheduledThreadPool(4, daemonThreads());
        try {
            CompletableFuture<URI> keycloakReady = launchKeycloak();
            long kafkaBegin = System.nanoTime();
            kafka = new KafkaBroker(java, kafkaLibDir, state, ports.kafka(), ports.kafkaController());
            kafka.launch();
            kafka.process().ifPresent(p -> state.writePid("kafka", p.pid()));
            CompletableFuture<Void> kafkaReady = kafka.awaitReady(scheduler, KAFKA_READINESS_TIMEOUT)
                    .whenComplete((v, e) -> timings.put("Kafka", since(kafkaBegin)));

            long postgresBegin = System.nanoTime();
            postgres = EmbeddedPostgresServer.start(ports.postgres(), state.postgresData());
            record("PostgreSQL", postgresBegin, "PostgreSQL ready on " + postgres.jdbcUrl());

            long redisBegin = System.nanoTime();
            redis = EmbeddedRedisServer.start(ports.redis());
            record("Redis", redisBegin, "Redis ready on " + redis.url());

            await(kafkaReady);
            progress.accept(String.format("Kafka ready on %s in %.1f s", kafka.bootstrapServers(),
                    timings.get("Kafka").toMillis() / 1000.0));
            long topicsBegin = System.nanoTime();
            EmbeddedKafka.createPlatformTopics(kafka.bootstrapServers(), KafkaBroker.PARTITIONS);
            record("Kafka topics", topicsBegin, "Kafka topics created (" + KafkaBroker.PARTITIONS + " partitions each, with .dlq)");

            awaitKeycloak(keycloakReady);
            startServices();
            registerDefaultSender();
            timings.put("all ready", since(begin));
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void requireRunnable() {
        List<String> missing = new ArrayList<>();
        for (PlatformService service : services) {
            if (!Files.isRegularFile(service.runnerJar(repoRoot))) {
                missing.add(service.module() + " (" + service.runnerJar(repoRoot) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("service jar missing for " + String.join(", ", missing)
                    + "; build with './mvnw -B -q install -DskipTests' in " + repoRoot
                    + " (is the module in the reactor and does it build?)");
        }
        boolean hasKafka;
        try (Stream<Path> jars = Files.isDirectory(kafkaLibDir) ? Files.list(kafkaLibDir) : Stream.empty()) {
            hasKafka = jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!hasKafka) {
            throw new IllegalStateException("no Kafka broker jars in " + kafkaLibDir
                    + "; build them with './mvnw -B -q -pl local-platform package' in " + repoRoot);
        }
        if (keycloakPort != null) {
            keycloak = KeycloakServer.prepare(keycloakDir, state, keycloakPort);
        } else {
            state.removeKeycloakUrl(); // left by a Keycloak run that was killed: tokens are the dev key's again
        }
        try {
            ports.requireFree(services);
            if (keycloakPort != null && !PlatformPorts.isFree(keycloakPort)) {
                throw new PlatformPorts.PortInUseException("Keycloak", keycloakPort);
            }
        } catch (PlatformPorts.PortInUseException e) {
            String leftovers = state.livePids();
            throw leftovers.isEmpty() ? e : new PlatformPorts.PortInUseException(e,
                    "processes left running by an earlier run of " + state.root() + ": " + leftovers);
        }
    }

    private void startServices() {
        if (services.isEmpty()) {
            return;
        }
        long begin = System.nanoTime();
        List<CompletableFuture<PlatformService>> readiness = new ArrayList<>();
        for (PlatformService service : services) {
            readiness.add(launch(service, begin));
        }
        progress.accept("started " + services.size() + " service JVMs; waiting for " + READY_PATH
                + " (up to " + readinessTimeout.toSeconds() + " s)");
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        readiness.forEach(f -> f.whenComplete((s, e) -> {
            if (e != null) {
                firstFailure.completeExceptionally(e);
            }
        }));
        try {
            await(CompletableFuture.anyOf(CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)), firstFailure)
                    .thenApply(v -> null));
        } finally {
            readiness.forEach(f -> f.cancel(false));
        }
        timings.put("services", since(begin));
    }

    /** Starts one service JVM; completes when it is ready. */
    private CompletableFuture<PlatformService> launch(PlatformService service, long begin) {
        Map<String, String> props = systemProperties(service);
        ChildProcess child = ChildProcess.start(service.module(),
                ServiceSystemProperties.command(java, service.runnerJar(repoRoot), props),
                state.serviceWorkDir(service), state.log(service.module()), true);
        serviceProcesses.put(service, child);
        state.writePid(service.module(), child.pid());
        return awaitServiceReady(service, child, begin);
    }

    /** kill -9 of one running service, for crash tests: no shutdown hook runs; its database rows and topics stay. */
    public void kill(PlatformService service) {
        ChildProcess child = serviceProcesses.get(service);
        if (child == null) {
            throw new IllegalArgumentException(service.module() + " is not part of this platform");
        }
        child.kill();
        progress.accept(service.module() + " killed (SIGKILL)");
    }

    /**
     * SIGTERM to one running service, as Kubernetes ends a pod: waits for it to exit and returns how long that took;
     * fails (and kills it) when it is still running after {@code grace}, the pod's termination grace period.
     */
    public Duration terminate(PlatformService service, Duration grace) {
        ChildProcess child = serviceProcesses.get(service);
        if (child == null) {
            throw new IllegalArgumentException(service.module() + " is not part of this platform");
        }
        long begin = System.nanoTime();
        child.stop(grace);
        Duration took = since(begin);
        progress.accept(service.module() + " stopped by SIGTERM in " + took.toMillis() + " ms (exit code " + child.exitCode() + ")");
        if (took.compareTo(grace) >= 0) {
            throw new IllegalStateException(service.module() + " did not stop within " + grace + " of SIGTERM and was killed");
        }
        return took;
    }

    /** Starts a killed service again, on the same port and state, and waits until it is ready; returns how long that took. */
    public Duration restart(PlatformService service) {
        ChildProcess old = serviceProcesses.get(service);
        if (old != null && old.isAlive()) {
            throw new IllegalStateException(service.module() + " is still running");
        }
        long begin = System.nanoTime();
        await(launch(service, begin));
        return since(begin);
    }

    /**
     * The operating-system process of each running part (each service's module name, "kafka", "postgresql"), for CPU
     * accounting: its descendants (PostgreSQL's backends) belong to it too.
     */
    public Map<String, Long> processIds() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (serviceProcesses) {
            serviceProcesses.forEach((service, child) -> pids.put(service.module(), child.pid()));
        }
        if (kafka != null) {
            kafka.process().ifPresent(p -> pids.put("kafka", p.pid()));
        }
        try {
            Path postmaster = state.postgresData().resolve("postmaster.pid");
            if (Files.exists(postmaster)) {
                pids.put("postgresql", Long.parseLong(Files.readAllLines(postmaster).get(0).trim()));
            }
        } catch (IOException | RuntimeException e) {
            progress.accept("no PostgreSQL pid: " + e.getMessage());
        }
        return pids;
    }

    /** Stops the Kafka broker (SIGTERM, as a restart would), for crash tests; its data stays for {@link #startKafkaAgain}. */
    public void stopKafka() {
        kafka.stop();
        progress.accept("Kafka stopped");
    }

    /** Starts the stopped broker again on the same port and data and waits until it is ready; returns how long that took. */
    public Duration startKafkaAgain() {
        long begin = System.nanoTime();
        kafka.launch();
        kafka.process().ifPresent(p -> state.writePid("kafka", p.pid()));
        await(kafka.awaitReady(scheduler, KAFKA_READINESS_TIMEOUT));
        progress.accept(String.format("Kafka ready again in %.1f s", since(begin).toMillis() / 1000.0));
        return since(begin);
    }

    /** ingest routes to the default pool's number; dispatch holds messages of unregistered numbers, so register it. */
    private void registerDefaultSender() {
        if (!services.contains(PlatformService.DISPATCH)) {
            return;
        }
        new SafesendApiClient(serviceUrl(PlatformService.INGEST), serviceUrl(PlatformService.ANALYTICS))
                .registerSender(serviceUrl(PlatformService.DISPATCH), token("admin"), DEFAULT_SENDER, "default", 80);
        progress.accept("default sender " + DEFAULT_SENDER + " registered in dispatch (80 msg/s)");
    }

    private CompletableFuture<PlatformService> awaitServiceReady(PlatformService service, ChildProcess child, long begin) {
        URI ready = serviceUrl(service).resolve(READY_PATH);
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build();
        AtomicInteger lastStatus = new AtomicInteger(-1);
        return Polling.until(scheduler, service.module() + " readiness", Duration.ofMillis(500), readinessTimeout, () -> {
            if (!child.isAlive()) {
                throw new Polling.GiveUp(service.module() + " exited with code " + child.exitCode()
                        + " during startup; last lines of " + child.log() + ":" + System.lineSeparator()
                        + child.logTail(40));
            }
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            lastStatus.set(response.statusCode());
            if (response.statusCode() == 200) {
                return Optional.of(service);
            }
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + response.body());
        }).handle((value, error) -> {
            if (error == null) {
                Duration took = since(begin);
                timings.put(service.module(), took);
                progress.accept(String.format("%s ready on %s in %.1f s", service.module(), serviceUrl(service),
                        took.toMillis() / 1000.0));
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                throw new IllegalStateException(service.module() + " did not become ready on " + ready + " within "
                        + readinessTimeout.toSeconds() + " s (" + cause.getMessage() + "); last lines of "
                        + child.log() + ":" + System.lineSeparator() + child.logTail(40), cause);
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        });
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the platform", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IllegalStateException ise) {
                throw new IllegalStateException(ise.getMessage(), ise);
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private void record(String what, long begin, String done) {
        Duration took = since(begin);
        timings.put(what, took);
        progress.accept(String.format("%s in %.1f s", done, took.toMillis() / 1000.0));
    }

    private static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Stops services (in parallel, SIGTERM then ≤10 s then kill), then Redis, PostgreSQL, Kafka. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        synchronized (serviceProcesses) {
            for (ChildProcess child : serviceProcesses.values()) {
                stops.add(CompletableFuture.runAsync(() -> child.stop(SERVICE_STOP_GRACE)));
            }
        }
        stops.forEach(CompletableFuture::join);
        synchronized (serviceProcesses) {
            serviceProcesses.keySet().forEach(service -> state.removePid(service.module()));
        }
        quietly("Keycloak", () -> {
            if (keycloak != null) {
                state.removeKeycloakUrl();
                keycloak.stop(SERVICE_STOP_GRACE);
                state.removePid("keycloak");
            }
        });
        quietly("Redis", () -> {
            if (redis != null) {
                redis.close();
            }
        });
        quietly("PostgreSQL", () -> {
            if (postgres != null) {
                postgres.close();
            }
        });
        quietly("Kafka", () -> {
            if (kafka != null) {
                kafka.stop();
                state.removePid("kafka");
            }
        });
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void quietly(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            progress.accept("could not stop " + what + " cleanly: " + e.getMessage());
        }
    }

    public URI serviceUrl(PlatformService service) {
        return URI.create("http://localhost:" + ports.service(service));
    }

    public PlatformPorts ports() {
        return ports;
    }

    public StateFolder state() {
        return state;
    }

    public Set<PlatformService> services() {
        return services;
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + ports.kafka();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + ports.postgres() + "/" + EmbeddedPostgresServer.DATABASE;
    }

    public String redisUrl() {
        return "redis://localhost:" + ports.redis();
    }

    /** The dev signing keys of this platform's state folder (available once started). */
    public DevKeys devKeys() {
        return requireStarted(devKeys);
    }

    /** The shared secrets of this platform's state folder (available once started). */
    public PlatformSecrets secrets() {
        return requireStarted(secrets);
    }

    /** How long each part took to become ready, in start order, ending with "all ready". */
    public Map<String, Duration> startupTimings() {
        synchronized (timings) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        }
    }

    /** Children that are no longer running although nobody asked them to stop: the services, then "kafka". */
    public List<String> exitedUnexpectedly() {
        if (closed.get()) {
            return List.of();
        }
        List<String> exited = new ArrayList<>();
        synchronized (serviceProcesses) {
            serviceProcesses.values().stream().filter(c -> !c.isAlive())
                    .forEach(c -> exited.add(c.name() + " (exit " + c.exitCode() + ", log " + c.log() + ")"));
        }
        if (keycloak != null && realm != null && !keycloak.isAlive()) {
            exited.add("keycloak (exit " + keycloak.exitCode() + ", log " + keycloak.log() + ")");
        }
        if (kafka != null) {
            kafka.process().filter(p -> !p.isAlive())
                    .ifPresent(p -> exited.add("kafka (exit " + p.exitCode() + ", log " + state.log("kafka") + ")"));
        }
        return exited;
    }

    /** The system properties a service gets (for display and tests); available once started. */
    public Map<String, String> systemProperties(PlatformService service) {
        Map<String, String> extras = new LinkedHashMap<>(serviceToken(service));
        extras.putAll(propertiesForAll);
        extras.putAll(propertiesPerService.getOrDefault(service, Map.of()));
        Map<String, String> identity = keycloak != null
                ? ServiceSystemProperties.oidcServerIdentity(keycloak.realmUrl().toString())
                : ServiceSystemProperties.devKeyIdentity(devKeys().publicKeyBase64());
        return ServiceSystemProperties.of(service, ports, secrets(), identity, extras);
    }

    /**
     * ingest calls consent (campaign audiences) and dispatch (sender quotas), health-monitor calls dispatch (the sender
     * registry), each with a token of role viewer: signed by the platform's dev key and minted at each start, or with
     * --keycloak the {@value KeycloakRealm#SERVICES_CLIENT} client's (client credentials, valid 30 days), fetched once
     * Keycloak is ready.
     */
    private Map<String, String> serviceToken(PlatformService service) {
        DevKeys keys = devKeys();
        return switch (service) {
            case INGEST -> Map.of("safesend.ingest.campaigns.service-token", keycloakServiceToken != null ? keycloakServiceToken
                    : keys.token("ingest-service", Duration.ofDays(30), "viewer"));
            case HEALTH_MONITOR -> Map.of("safesend.health-monitor.service-token", keycloakServiceToken != null
                    ? keycloakServiceToken : keys.token("health-monitor-service", Duration.ofDays(30), "viewer"));
            default -> Map.of();
        };
    }

    /**
     * A bearer token for one of the roles (admin, operator, viewer, sender), every project: signed with the dev key, or
     * with --keycloak issued by the realm to its dev user of that role (sender: the internal client).
     */
    public String token(String role) {
        return realm != null ? realm.tokenFor(role) : devKeys().token(role);
    }

    /** The realm of the platform's Keycloak, when it runs one (--keycloak); available once started. */
    public Optional<KeycloakRealm> keycloakRealm() {
        return Optional.ofNullable(realm);
    }

    /** Launches Keycloak (building its distribution first if needed) unless the platform runs on dev keys. */
    private CompletableFuture<URI> launchKeycloak() {
        if (keycloak == null) {
            return CompletableFuture.completedFuture(null);
        }
        long begin = System.nanoTime();
        return CompletableFuture.runAsync(() -> {
            keycloak.launch();
            keycloak.pid().ifPresent(pid -> state.writePid("keycloak", pid));
        }).thenCompose(v -> keycloak.awaitReady(scheduler, http, KeycloakServer.READINESS_TIMEOUT))
                .whenComplete((v, e) -> timings.put("Keycloak", since(begin)));
    }

    /** Services verify tokens against the realm (and ingest needs its token) from their start: wait for Keycloak first. */
    private void awaitKeycloak(CompletableFuture<URI> ready) {
        if (keycloak == null) {
            return;
        }
        await(ready);
        progress.accept(String.format("Keycloak ready on %s (realm %s, log %s) in %.1f s", keycloak.url(), keycloak.realmUrl(),
                keycloak.log(), timings.get("Keycloak").toMillis() / 1000.0));
        realm = new KeycloakRealm(keycloak.realmUrl());
        keycloakServiceToken = realm.clientCredentialsToken(KeycloakRealm.SERVICES_CLIENT, KeycloakRealm.SERVICES_SECRET);
        state.writeKeycloakUrl(keycloak.realmUrl());
    }

    private <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("the platform has not been started");
        }
        return value;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "safesend-platform-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** How to run the platform: where, on which ports, which services, with which extra properties. */
    public static final class Builder {
        private final Path repoRoot;
        private StateFolder state;
        private PlatformPorts ports;
        private EnumSet<PlatformService> services = EnumSet.allOf(PlatformService.class);
        private final Map<String, String> propertiesForAll = new LinkedHashMap<>();
        private final Map<PlatformService, Map<String, String>> propertiesPerService = new EnumMap<>(PlatformService.class);
        private Duration readinessTimeout = DEFAULT_READINESS_TIMEOUT;
        private Path kafkaLibDir;
        private Integer keycloakPort;
        private Path keycloakDir;
        private Consumer<String> progress = message -> { };

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot.toAbsolutePath().normalize();
        }

        /** Default {@code <repo>/.safesend}. */
        public Builder stateDir(Path dir) {
            this.state = new StateFolder(dir);
            return this;
        }

        /** The documented fixed ports (the default). */
        public Builder fixedPorts() {
            this.ports = PlatformPorts.fixed();
            return this;
        }

        /** A free random port for everything (tests). */
        public Builder randomPorts() {
            this.ports = PlatformPorts.randomFree();
            return this;
        }

        public Builder ports(PlatformPorts ports) {
            this.ports = ports;
            return this;
        }

        /** Which services to start (default all); infrastructure always starts. */
        public Builder services(Collection<PlatformService> services) {
            this.services = EnumSet.noneOf(PlatformService.class);
            this.services.addAll(services);
            return this;
        }

        /** Only Kafka, PostgreSQL and Redis. */
        public Builder withoutServices() {
            return services(List.of());
        }

        /** An extra {@code -D} for every service (overrides computed values). */
        public Builder systemProperty(String key, String value) {
            propertiesForAll.put(key, value);
            return this;
        }

        /** An extra {@code -D} for one service (overrides everything else). */
        public Builder systemProperty(PlatformService service, String key, String value) {
            propertiesPerService.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** Overall time for all services to answer 200 on /q/health/ready (default 120 s). */
        public Builder readinessTimeout(Duration timeout) {
            this.readinessTimeout = timeout;
            return this;
        }

        /** Folder of the jars that run the Kafka broker (default {@code <repo>/local-platform/target/lib}). */
        public Builder kafkaLibDir(Path dir) {
            this.kafkaLibDir = dir.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Runs Keycloak on {@code port} (0: a free random one) with the safesend realm and points every service at it
         * instead of the dev key ({@code ./safesend up --keycloak}); Keycloak needs Java 21+ (see {@link KeycloakServer}).
         */
        public Builder keycloak(int port) {
            this.keycloakPort = port == 0 ? PlatformPorts.freePort() : port;
            return this;
        }

        /** Folder Maven unpacks the Keycloak distribution into (default {@code <repo>/local-platform/target/keycloak}). */
        public Builder keycloakDir(Path dir) {
            this.keycloakDir = dir.toAbsolutePath().normalize();
            return this;
        }

        /** Receives one line per milestone (X ready on Y in Z s). */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public LocalPlatform build() {
            return new LocalPlatform(this);
        }
    }
}
