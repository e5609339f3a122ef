package dev.safesend.platform;

import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./safesend up|token ROLE|demo|status|help}: the one command of the local platform. Exit
 * codes: 0 done, 1 failed, 2 bad command line.
 */
public final class SafesendCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Path repoRoot;
    private final StateFolder state;
    private final PrintStream out;
    private final PrintStream err;

    SafesendCli(Path repoRoot, StateFolder state, PrintStream out, PrintStream err) {
        this.repoRoot = repoRoot;
        this.state = state;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Path repoRoot = repoRoot();
        String stateOverride = System.getenv("SAFESEND_STATE");
        StateFolder state = stateOverride == null || stateOverride.isBlank()
                ? StateFolder.inRepo(repoRoot) : new StateFolder(Path.of(stateOverride));
        // before anything logs: the launcher's own log (PostgreSQL and Redis output) goes to the state folder
        if (System.getProperty("safesend.launcher.log") == null) {
            System.setProperty("safesend.launcher.log", state.log("launcher").toString());
        }
        System.exit(new SafesendCli(repoRoot, state, System.out, System.err).run(args));
    }

    /** {@code -Dsafesend.repo} (the script sets it), else the nearest folder up from here holding the script. */
    static Path repoRoot() {
        String configured = System.getProperty("safesend.repo");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("safesend")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return here;
    }

    int run(String... args) {
        CliCommand command;
        try {
            command = CliCommand.parse(args);
        } catch (CliCommand.UsageException e) {
            err.println("safesend: " + e.getMessage());
            err.println("run './safesend help' for usage");
            return USAGE;
        }
        try {
            if (command instanceof CliCommand.Up up) {
                return up(up);
            } else if (command instanceof CliCommand.Token token) {
                return token(token);
            } else if (command instanceof CliCommand.Demo demo) {
                return demo.campaignContacts() > 0 ? demoCampaign(demo.campaignContacts()) : demo();
            } else if (command instanceof CliCommand.Status) {
                return status();
            }
            out.println(CliCommand.USAGE);
            return OK;
        } catch (RuntimeException e) {
            err.println("safesend: " + e.getMessage());
            return FAILED;
        }
    }

    // ---------------------------------------------------------------- up

    private int up(CliCommand.Up up) {
        LocalPlatform.Builder builder = LocalPlatform.builder(repoRoot)
                .stateDir(state.root())
                .fixedPorts()
                .services(up.services())
                .readinessTimeout(up.readinessTimeout())
                .progress(line -> out.println("  " + line));
        if (up.keycloak()) {
            builder.keycloak(CliCommand.KEYCLOAK_PORT);
        }
        up.propertiesForAll().forEach(builder::systemProperty);
        up.propertiesPerService().forEach((service, props) -> props.forEach((k, v) -> builder.systemProperty(service, k, v)));
        LocalPlatform platform = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stopInOrder = () -> {
            if (stopping.compareAndSet(false, true)) {
                out.println();
                out.println("Stopping safesend: services, then " + (up.keycloak() ? "Keycloak, " : "") + "Redis, PostgreSQL, Kafka…");
                platform.close();
                out.println("Stopped. State kept in " + state.root());
                stopped.countDown();
            }
        };
        // Ctrl-C / kill: stop in order first, then exit (which runs the libraries' own shutdown hooks)
        StopSignals.install(signal -> {
            stopInOrder.run();
            System.exit(128 + signal);
        });
        // any other way out of the JVM
        Runtime.getRuntime().addShutdownHook(new Thread(stopInOrder, "safesend-stop"));

        out.println("Starting safesend local platform (state in " + state.root() + ")…");
        try {
            platform.start();
        } catch (RuntimeException e) {
            err.println();
            err.println("safesend up FAILED: " + e.getMessage());
            err.println("logs: " + state.logs());
            return FAILED;
        }
        printWhereEverythingIs(platform);
        watchForExits(platform);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private void printWhereEverythingIs(LocalPlatform platform) {
        Map<String, Duration> timings = platform.startupTimings();
        out.println();
        out.printf("safesend is up: everything ready in %.1f s%n", seconds(timings.get("all ready")));
        out.println();
        if (platform.services().isEmpty()) {
            out.println("  no services started (--services none): run them yourself against the servers below");
        } else {
            out.printf("  %-24s %-24s %s%n", "service", "url", "health");
            for (PlatformService service : platform.services()) {
                URI url = platform.serviceUrl(service);
                out.printf("  %-24s %-24s %s%n", service.module(), url, url.resolve(LocalPlatform.READY_PATH));
            }
        }
        out.println();
        out.printf("  %-12s %s (controller localhost:%d)%n", "Kafka", platform.kafkaBootstrapServers(),
                platform.ports().kafkaController());
        out.printf("  %-12s %s (user %s, password %s)%n", "PostgreSQL", platform.jdbcUrl(),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
        out.printf("  %-12s %s%n", "Redis", platform.redisUrl());
        platform.keycloakRealm().ifPresent(realm -> out.printf("  %-12s %s (admin console %s, user %s, password %s)%n",
                "Keycloak", realm.realmUrl(), realm.realmUrl().resolve("/admin/"), KeycloakServer.BOOTSTRAP_ADMIN,
                KeycloakServer.BOOTSTRAP_ADMIN_PASSWORD));
        out.printf("  %-12s %s (logs in %s)%n", "State", state.root(), state.logs());
        out.println();
        if (platform.keycloakRealm().isPresent()) {
            out.println("  Tokens      ./safesend token admin|operator|viewer|sender   (issued by Keycloak to the dev user of that role,"
                    + " valid 1 h;");
            out.println("              users admin, operator, viewer, demo-operator, password <user>-dev-password;"
                    + " client safesend-console)");
        } else {
            out.println("  Tokens      ./safesend token admin|operator|viewer|sender [PROJECT...]   (valid 1 h; all projects when none is named)");
        }
        if (platform.services().contains(PlatformService.ANALYTICS)) {
            out.println("  Console     " + platform.serviceUrl(PlatformService.ANALYTICS).resolve("/console/")
                    + "   (log in with a pasted token: ./safesend token operator)");
        }
        out.println("  Try         ./safesend demo      (in another terminal)");
        out.println("              ./safesend demo campaign 10000   (a campaign to 10,000 imported contacts, with a progress bar)");
        out.println("              curl -H \"Authorization: Bearer $(./safesend token viewer)\" "
                + platform.serviceUrl(PlatformService.ANALYTICS) + "/v1/messages/<messageId>");
        out.println();
        out.println("Press Ctrl-C to stop everything.");
    }

    /** Tells the user, once, about any child that dies while the platform is up. */
    private void watchForExits(LocalPlatform platform) {
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "safesend-watch");
            thread.setDaemon(true);
            return thread;
        });
        Set<String> reported = ConcurrentHashMap.newKeySet();
        watcher.scheduleWithFixedDelay(() -> {
            for (String exited : platform.exitedUnexpectedly()) {
                if (reported.add(exited)) {
                    err.println("safesend: " + exited + " has stopped; the rest keeps running");
                }
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    private static double seconds(Duration duration) {
        return duration == null ? 0 : duration.toMillis() / 1000.0;
    }

    // ---------------------------------------------------------------- token

    /**
     * A dev-key token, or while a platform started with --keycloak runs (its realm URL in the state folder) a token
     * Keycloak issues: projects then come from the user's {@code projects} attribute, not from the command line.
     */
    private int token(CliCommand.Token token) {
        var realmUrl = state.keycloakUrl();
        if (realmUrl.isEmpty()) {
            out.println(DevKeys.loadOrCreate(state.keys()).token(token.role(), token.projects()));
            return OK;
        }
        if (!token.projects().isEmpty()) {
            err.println("safesend: the platform runs Keycloak (" + realmUrl.get() + "): a token's projects are its user's"
                    + " 'projects' attribute, set in Keycloak (e.g. user demo-operator, password demo-operator-dev-password,"
                    + " has project demo); run './safesend token " + token.role() + "' for every project");
            return USAGE;
        }
        out.println(new KeycloakRealm(realmUrl.get()).tokenFor(token.role()));
        return OK;
    }

    /** Tokens by role for the demos: the running platform's Keycloak when it has one, else the dev key. */
    private java.util.function.Function<String, String> tokens() {
        var realmUrl = state.keycloakUrl();
        if (realmUrl.isPresent()) {
            KeycloakRealm realm = new KeycloakRealm(realmUrl.get());
            return realm::tokenFor;
        }
        DevKeys keys = DevKeys.loadOrCreate(state.keys());
        return keys::token;
    }

    // ---------------------------------------------------------------- demo

    private int demo() {
        PlatformPorts ports = PlatformPorts.fixed();
        URI ingest = URI.create("http://localhost:" + ports.service(PlatformService.INGEST));
        URI analytics = URI.create("http://localhost:" + ports.service(PlatformService.ANALYTICS));
        URI consent = URI.create("http://localhost:" + ports.service(PlatformService.CONSENT));
        for (URI service : List.of(ingest, analytics, consent)) {
            if (!answersReady(service).equals("UP")) {
                err.println("safesend: " + service + " is not ready (" + answersReady(service)
                        + "); start the platform with './safesend up' first");
                return FAILED;
            }
        }
        return new DemoScenario(new SafesendApiClient(ingest, analytics), consent, tokens(), out).run();
    }

    /**
     * A campaign to {@code contacts} imported contacts (phones +2637790…, project demo), followed to completion with
     * a progress bar; prints the forecast first and the final counts last.
     */
    private int demoCampaign(int contacts) {
        PlatformPorts ports = PlatformPorts.fixed();
        URI ingest = URI.create("http://localhost:" + ports.service(PlatformService.INGEST));
        URI consent = URI.create("http://localhost:" + ports.service(PlatformService.CONSENT));
        for (URI service : List.of(ingest, consent, URI.create("http://localhost:" + ports.service(PlatformService.DISPATCH)))) {
            if (!answersReady(service).equals("UP")) {
                err.println("safesend: " + service + " is not ready; start the platform with './safesend up' first");
                return FAILED;
            }
        }
        java.util.function.Function<String, String> tokens = tokens();
        CampaignDemo demo = new CampaignDemo(new SafesendApiClient(ingest, URI.create("http://localhost:"
                + ports.service(PlatformService.ANALYTICS))), ingest, consent, tokens.apply("admin"), tokens.apply("operator"));
        String tag = "demo-" + Long.toString(System.currentTimeMillis(), 36);
        out.printf("importing %d contacts (opted in for UTILITY, with evidence) tagged %s …%n", contacts, tag);
        String segment = demo.audience("demo", tag, CampaignDemo.phones("+2637790%05d", contacts), Duration.ofMinutes(10));
        var campaign = demo.create("demo campaign " + tag, "demo", segment, 5, 2);
        String id = campaign.path("id").asText();
        out.println("campaign " + id + " forecast: " + demo.forecast(id));
        demo.act(id, "start", "demo");
        var last = demo.follow(id, Duration.ofHours(2), Duration.ofSeconds(1), c -> out.print("\r" + CampaignDemo.progressLine(c)));
        out.println();
        out.println("final: " + last.path("progress").path("counts") + " reasons " + last.path("progress").path("reasons"));
        return last.path("state").asText().equals("COMPLETED") ? OK : FAILED;
    }

    // ---------------------------------------------------------------- status

    private int status() {
        PlatformPorts ports = PlatformPorts.fixed();
        boolean allUp = true;
        out.printf("%-24s %-24s %s%n", "service", "url", "ready");
        for (PlatformService service : PlatformService.values()) {
            URI url = URI.create("http://localhost:" + ports.service(service));
            String ready = answersReady(url);
            allUp &= ready.equals("UP");
            out.printf("%-24s %-24s %s%n", service.module(), url, ready);
        }
        out.println();
        Map<String, Integer> servers = new LinkedHashMap<>();
        servers.put("Kafka", ports.kafka());
        servers.put("PostgreSQL", ports.postgres());
        servers.put("Redis", ports.redis());
        for (Map.Entry<String, Integer> server : servers.entrySet()) {
            boolean listening = listening(server.getValue());
            allUp &= listening;
            out.printf("%-24s %-24s %s%n", server.getKey(), "localhost:" + server.getValue(),
                    listening ? "listening" : "not running");
        }
        var realmUrl = state.keycloakUrl();
        if (realmUrl.isPresent()) {
            boolean listening = listening(realmUrl.get().getPort());
            allUp &= listening;
            out.printf("%-24s %-24s %s%n", "Keycloak", realmUrl.get(), listening ? "listening" : "not running");
        }
        out.println();
        out.println("state folder: " + state.root());
        return allUp ? OK : FAILED;
    }

    /** "UP", "DOWN (HTTP 503)" or "not running". */
    static String answersReady(URI service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(service.resolve(LocalPlatform.READY_PATH))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? "UP" : "DOWN (HTTP " + status + ")";
        } catch (ConnectException e) {
            return "not running";
        } catch (IOException e) {
            return "not answering (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
