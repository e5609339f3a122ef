package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The campaign benchmark on the whole local platform (random ports, its own state folder):
 * <ol>
 *   <li>imports {@code bench.contacts} contacts opted in for UTILITY (consent-service's CSV import, in chunks);</li>
 *   <li>fan-out: a campaign scheduled for tomorrow is started, so its audience is copied into recipients and nothing
 *   is sent; prints recipients per second, and the CPU and peak RSS of every process;</li>
 *   <li>with {@code bench.run=true} (default), a second campaign to the same audience runs to completion on two senders
 *   of {@code bench.sender-mps} each, with 1 % of the audience answering STOP at the start, a pause at 30 % and a
 *   resume 5 s later, and a kill -9 of ingest at 60 %; then checks the simulator's ledger: no duplicate, every
 *   eligible contact reached once, nobody reached after their STOP.</li>
 * </ol>
 * With {@code -Dbench.mode=forecast} it measures instead a campaign bounded by its ceiling and short windows against its
 * forecast; with {@code -Dbench.mode=budget}, one bounded by the portfolio's unique-recipient budget over a window
 * shortened to minutes (see {@link #budgetAgainstForecast}).
 * <p>Run (after {@code ./mvnw -o install -DskipTests}):
 * <pre>
 * ./mvnw -B -q -pl local-platform dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * cd local-platform &amp;&amp; java -Dbench.contacts=100000 -cp target/test-classes:target/classes:$(cat target/bench.classpath) dev.safesend.platform.CampaignBench
 * </pre>
 */
public final class CampaignBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SENDERS = List.of("110000000000011", "110000000000012");
    /** The portfolio's tier in budget mode, and dispatch's budget window (Meta: 24 h; {@code -Dbench.budget-window}). */
    private static final long BUDGET_LIMIT = 250;
    private static final Duration BUDGET_WINDOW = Duration.parse(System.getProperty("bench.budget-window", "PT2M"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private CampaignBench() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = Integer.getInteger("bench.contacts", "budget".equals(System.getProperty("bench.mode")) ? 1_000 : 100_000);
        boolean run = Boolean.parseBoolean(System.getProperty("bench.run", "true"));
        int mps = Integer.getInteger("bench.sender-mps", 200);
        String mode = System.getProperty("bench.mode", "");
        boolean budgetMode = "budget".equals(mode);
        Path module = Path.of("").toAbsolutePath();
        Path state = Files.createTempDirectory(Files.createDirectories(module.resolve("target")), "bench-state-");
        LocalPlatform.Builder builder = LocalPlatform.builder(module.getParent()).stateDir(state).randomPorts()
                .systemProperty(PlatformService.INGEST, "safesend.ingest.routing.pools.bench", String.join(",", SENDERS))
                .systemProperty(PlatformService.CLOUD_API_SIMULATOR, "safesend.simulator.webhook.max-attempts", "60")
                .systemProperty(PlatformService.CLOUD_API_SIMULATOR, "safesend.simulator.webhook.max-backoff", "1s");
        if (budgetMode) {
            // Meta's 24 h shortened to minutes in dispatch; the simulator says the same tier the registry has, so
            // health-monitor's decision (whose tier the gate prefers) agrees with it
            builder.systemProperty(PlatformService.DISPATCH, "safesend.dispatch.budget.window", BUDGET_WINDOW.toString())
                    .systemProperty(PlatformService.CLOUD_API_SIMULATOR, "safesend.simulator.quality.initial-messaging-limit", "TIER_250");
        }
        LocalPlatform platform = builder.progress(line -> System.out.println("[bench] " + line)).build();
        platform.start();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            URI ingest = platform.serviceUrl(PlatformService.INGEST);
            URI consent = platform.serviceUrl(PlatformService.CONSENT);
            SafesendApiClient api = new SafesendApiClient(ingest, platform.serviceUrl(PlatformService.ANALYTICS));
            String admin = platform.devKeys().token("admin");
            for (String sender : SENDERS) {
                api.registerSender(platform.serviceUrl(PlatformService.DISPATCH), admin, sender, "bench", mps,
                        budgetMode ? BUDGET_LIMIT : null);
            }
            CampaignDemo demo = new CampaignDemo(api, ingest, consent, admin, platform.devKeys().token("operator"));

            if ("forecast".equals(mode)) {
                forecastAgainstActual(platform, demo, contacts);
                return;
            }
            if (budgetMode) {
                budgetAgainstForecast(platform, demo, contacts);
                return;
            }
            List<String> phones = CampaignDemo.phones("+26377%07d", contacts);
            Instant importStart = Instant.now();
            String segment = null;
            int chunk = 200_000;
            for (int from = 0; from < contacts; from += chunk) {
                segment = demo.audience("bench", "bench", phones.subList(from, Math.min(contacts, from + chunk)), Duration.ofMinutes(30));
            }
            System.out.printf("[bench] imported %d contacts in %d s%n", contacts, Duration.between(importStart, Instant.now()).toSeconds());

            quiet(platform);
            // fan-out alone: a campaign scheduled for tomorrow copies its audience at once and sends nothing
            Map<String, Long> peak = new LinkedHashMap<>();
            sampler.scheduleAtFixedRate(() -> PeakRss.sample(platform.processIds(), peak), 0, 200, TimeUnit.MILLISECONDS);
            String scheduled = demo.create("bench fan-out", "bench", segment, 5, 3,
                    Instant.now().plus(Duration.ofDays(1))).path("id").asText();
            Map<String, Long> cpu0 = CpuTicks.millis(platform.processIds());
            Instant t0 = Instant.now();
            demo.act(scheduled, "start", "bench");
            JsonNode copied = demo.followUntil(scheduled, Duration.ofMinutes(60), Duration.ofMillis(200),
                    c -> c.path("audienceCopied").asBoolean());
            double seconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
            Map<String, Long> cpu1 = CpuTicks.millis(platform.processIds());
            System.out.printf("[bench] fan-out: %d recipients queued in %.1f s = %.0f recipients/s%n", copied.path("recipients").asLong(),
                    seconds, copied.path("recipients").asLong() / seconds);
            System.out.println("[bench] fan-out CPU s per process: " + delta(cpu0, cpu1));
            System.out.println("[bench] peak RSS MB per process (PostgreSQL: its largest process) so far: " + peak);
            demo.act(scheduled, "cancel", "bench: fan-out measured");

            if (run) {
                runCampaign(platform, demo, segment, phones, mps, peak);
            }
            System.out.println("[bench] peak RSS MB per process over the whole run: " + peak);
        } finally {
            sampler.shutdownNow();
            platform.close();
        }
    }

    private static void runCampaign(LocalPlatform platform, CampaignDemo demo, String segment, List<String> phones, int mps,
                                    Map<String, Long> peak) throws Exception {
        int contacts = phones.size();
        String id = demo.create("bench run", "bench", segment, 5, 2, null).path("id").asText();
        System.out.println("[bench] forecast: " + demo.forecast(id));
        URI simulator = platform.serviceUrl(PlatformService.CLOUD_API_SIMULATOR);
        Map<String, Long> cpu0 = CpuTicks.millis(platform.processIds());
        Instant t0 = Instant.now();
        demo.act(id, "start", "bench");
        Map<String, Instant> stoppedAt = new LinkedHashMap<>();
        List<String> stoppers = phones.subList(contacts - contacts / 100, contacts); // the last in audience order
        boolean[] paused = {false};
        boolean[] killed = {false};
        JsonNode done = demo.follow(id, Duration.ofHours(3), Duration.ofSeconds(1), c -> {
            long total = c.path("progress").path("total").asLong();
            long finished = total - c.path("progress").path("remaining").asLong();
            System.out.print("\r[bench] " + CampaignDemo.progressLine(c));
            if (stoppedAt.isEmpty() && finished > contacts * 0.1) {
                // 1 % answer STOP during the run, before the campaign reaches them
                for (String user : stoppers) {
                    stoppedAt.put(user, stop(simulator, user));
                }
                System.out.printf("%n[bench] %d STOPs sent at %d%n", stoppers.size(), finished);
            }
            if (!paused[0] && total > 0 && finished > contacts * 0.3) {
                paused[0] = true;
                demo.act(id, "pause", "bench pause");
                Instant resumeAt = Instant.now().plusSeconds(5);
                demo.followUntil(id, Duration.ofSeconds(30), Duration.ofSeconds(1), x -> Instant.now().isAfter(resumeAt));
                demo.act(id, "resume", "bench resume");
                System.out.println("\n[bench] paused 5 s at " + finished + " and resumed");
            }
            if (!killed[0] && finished > contacts * 0.6) {
                killed[0] = true;
                platform.kill(PlatformService.INGEST);
                Duration back = platform.restart(PlatformService.INGEST);
                System.out.printf("%n[bench] ingest killed at %d, ready again after %d ms%n", finished, back.toMillis());
            }
        });
        double seconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
        Map<String, Long> cpu1 = CpuTicks.millis(platform.processIds());
        JsonNode counts = done.path("progress").path("counts");
        long reachedByProgress = counts.path("SENT").asLong() + counts.path("DELIVERED").asLong() + counts.path("READ").asLong();
        System.out.printf("%n[bench] campaign %s %s in %.0f s: %s reasons %s%n", id, done.path("state").asText(), seconds, counts,
                done.path("progress").path("reasons"));
        System.out.printf("[bench] %.0f messages/s on average; CPU ms per message per process: %s%n", reachedByProgress / seconds,
                perMessage(delta(cpu0, cpu1), reachedByProgress));

        JsonNode ledger = JSON.readTree(HTTP.send(HttpRequest.newBuilder(simulator.resolve("/sim/ledger")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long bySenders = 0;
        for (String s : SENDERS) {
            bySenders += ledger.path("byPhoneNumberId").path(s).asLong();
        }
        List<String> afterStop = new ArrayList<>();
        for (Map.Entry<String, Instant> stop : stoppedAt.entrySet()) {
            String body = HTTP.send(HttpRequest.newBuilder(simulator.resolve("/sim/ledger?recipient="
                    + URLEncoder.encode(stop.getKey(), StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode e : JSON.readTree(body)) {
                if (!"text".equals(e.path("type").asText()) && Instant.parse(e.path("acceptedAt").asText()).isAfter(stop.getValue())) {
                    afterStop.add(stop.getKey());
                }
            }
        }
        long holdout = counts.path("HOLDOUT").asLong();
        long suppressed = counts.path("SUPPRESSED").asLong();
        long total = done.path("progress").path("total").asLong();
        System.out.printf("[bench] ledger: %d accepted on the campaign's senders, duplicates %d; progress: %d recipients (%d contacts"
                        + " left the audience before it was copied: opted out), %d reached, %d holdout, %d suppressed (%d STOPs sent),"
                        + " missing = %d; messaged after their STOP: %d%n", bySenders, ledger.path("duplicateCount").asLong(), total,
                contacts - total, reachedByProgress, holdout, suppressed, stoppedAt.size(), total - reachedByProgress - holdout - suppressed,
                afterStop.size());
    }

    /**
     * Forecast against actual: a campaign bounded by its own ceiling (10 messages a second) and two short windows in
     * the recipients' local time (Harare): open 2 minutes, closed 1, open again. Prints the forecast's duration, the
     * actual one (start to COMPLETED) and their ratio.
     */
    private static void forecastAgainstActual(LocalPlatform platform, CampaignDemo demo, int contacts) {
        String segment = demo.audience("bench", "forecast", CampaignDemo.phones("+26377%07d", contacts), Duration.ofMinutes(10));
        quiet(platform);
        Timed run = againstForecast(demo, "bench forecast", segment, 36_000);
        System.out.printf("%n[bench] forecast vs actual: %d recipients, windows %s, 10/s: forecast %.0f s, actual %.0f s (start to"
                + " COMPLETED), actual/forecast = %.3f%n", contacts, run.windows(), run.predicted(), run.actual(), run.actual() / run.predicted());
    }

    /** A campaign run against its forecast: its windows, the forecast's and the actual duration (s), its last view. */
    private record Timed(JsonNode windows, double predicted, double actual, JsonNode done) {
    }

    /**
     * Creates a campaign to {@code segment} with two windows in the recipients' local time (Harare): open 2 minutes
     * from the next minute, closed 1, open again; asks its forecast, starts it and follows it to its end.
     */
    private static Timed againstForecast(CampaignDemo demo, String name, String segment, int maxPerHour) {
        java.time.ZonedDateTime local = java.time.ZonedDateTime.now(java.time.ZoneId.of("Africa/Harare"))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusMinutes(1);
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        var body = CampaignDemo.body(name, "bench", segment, 0, 2);
        var windows = body.putObject("schedule").putArray("windows");
        windows.addObject().put("start", local.format(hhmm)).put("end", local.plusMinutes(2).format(hhmm));
        windows.addObject().put("start", local.plusMinutes(3).format(hhmm)).put("end", local.plusMinutes(30).format(hhmm));
        body.putObject("pacing").put("maxPerHour", maxPerHour);
        String id = demo.create(body).path("id").asText();
        Instant t0 = Instant.now();
        JsonNode forecast = demo.forecast(id);
        demo.act(id, "start", "bench");
        Instant eta = Instant.parse(forecast.path("estimatedCompletionAt").asText());
        System.out.printf("[bench] forecast at %s: %s%n", t0, forecast);
        JsonNode done = demo.follow(id, Duration.ofMinutes(40), Duration.ofSeconds(1),
                c -> System.out.print("\r[bench] " + CampaignDemo.progressLine(c)));
        Instant finished = Instant.parse(done.path("finishedAt").asText());
        return new Timed(windows, Duration.between(t0, eta).toMillis() / 1000.0, Duration.between(t0, finished).toMillis() / 1000.0, done);
    }

    /**
     * Forecast against actual, bounded by the budget: {@code bench.contacts} (1,000 by default in this mode) UTILITY
     * recipients (no quiet hours) on two senders of one portfolio whose tier is {@link #BUDGET_LIMIT} unique
     * recipients per {@link #BUDGET_WINDOW} (dispatch's budget window shortened from 24 h), released at 5 a second
     * (ceiling 18,000 an hour) in two windows in the recipients' local time (Harare): open 2 minutes, closed 1, open
     * again. The release is done after about 4.5 minutes; dispatch holds what the budget does not allow and sends it as
     * each window's openings roll off, so the last quarter goes out three windows after the first. Prints the forecast's
     * duration, the actual one (start to COMPLETED) and their ratio.
     */
    private static void budgetAgainstForecast(LocalPlatform platform, CampaignDemo demo, int contacts) {
        String segment = demo.audience("bench", "budget", CampaignDemo.phones("+26378%07d", contacts), Duration.ofMinutes(10));
        quiet(platform);
        Timed run = againstForecast(demo, "bench budget", segment, 18_000);
        System.out.printf("%n[bench] %s: %s%n", run.done().path("state").asText(), run.done().path("progress").path("counts"));
        System.out.printf("[bench] budget forecast vs actual: %d recipients, budget %d per %s, windows %s, 5/s: forecast %.0f s,"
                        + " actual %.0f s (start to COMPLETED), actual/forecast = %.3f%n", contacts, BUDGET_LIMIT, BUDGET_WINDOW, run.windows(),
                run.predicted(), run.actual(), run.actual() / run.predicted());
    }

    /** The user answers STOP through the simulator; when the simulator sent it. */
    private static Instant stop(URI simulator, String user) {
        try {
            HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(simulator.resolve("/sim/users/" + user.substring(1) + "/messages"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"to\":\"" + SENDERS.get(0) + "\",\"text\":\"STOP\"}")).build(), HttpResponse.BodyHandlers.ofString());
            return Instant.parse(JSON.readTree(sent.body()).path("sentAt").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the platform has digested the import (every process together under a fifth of a core for 2 s). */
    private static void quiet(LocalPlatform platform) {
        long[] last = {-1};
        Instant t0 = Instant.now();
        org.awaitility.Awaitility.await("the platform is quiet").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    long total = CpuTicks.millis(platform.processIds()).values().stream().mapToLong(Long::longValue).sum();
                    boolean quiet = last[0] >= 0 && total - last[0] < 400;
                    last[0] = total;
                    return quiet;
                });
        System.out.printf("[bench] the platform digested the import in %d s%n", Duration.between(t0, Instant.now()).toSeconds());
    }

    private static Map<String, Double> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((k, v) -> out.put(k, (v - before.getOrDefault(k, 0L)) / 1000.0));
        return out;
    }

    private static Map<String, String> perMessage(Map<String, Double> cpuSeconds, long messages) {
        Map<String, String> out = new LinkedHashMap<>();
        cpuSeconds.forEach((k, v) -> out.put(k, String.format("%.2f", v * 1000 / Math.max(1, messages))));
        return out;
    }
}
