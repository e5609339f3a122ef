package dev.safesend.consent.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import benchmark: generates a CSV of N contacts (default 1,000,000; valid Zimbabwean mobile numbers, every third
 * opted in to marketing with evidence, tags and an attribute), uploads it to a running consent-service, follows the job
 * until it completes, and prints rows/s and the service's peak RSS (VmHWM from /proc/&lt;pid&gt;/status). With
 * {@code --audience} it then defines a segment of the whole project and streams its UTILITY audience (NDJSON), printing
 * members/s; {@code --opted-in-every 1} makes every row opted in, so a 1M-row file gives a 1M-member audience.
 * <p>
 * JDK only, so it runs as a single source file:
 * <pre>
 * java consent-service/src/test/java/dev/safesend/consent/bench/ImportBenchmark.java \
 *      --url http://localhost:8083 --token "$TOKEN" --pid "$CONSENT_PID" [--rows 1000000] [--file target/bench-1m.csv]
 *      [--opted-in-every 3] [--audience]
 * </pre>
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", "http://localhost:8083");
        String token = arg(args, "--token", System.getenv("SAFESEND_TOKEN"));
        String pid = arg(args, "--pid", null);
        int rows = Integer.parseInt(arg(args, "--rows", "1000000"));
        int optedInEvery = Integer.parseInt(arg(args, "--opted-in-every", "3"));
        Path file = Path.of(arg(args, "--file", "target/bench-" + rows + (optedInEvery == 3 ? "" : "-in" + optedInEvery) + ".csv"));
        String project = arg(args, "--project", "bench" + System.currentTimeMillis());
        if (token == null) {
            throw new IllegalArgumentException("--token (or SAFESEND_TOKEN) with role admin or operator is required");
        }
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            generate(file, rows, optedInEvery);
            System.out.printf("generated %,d rows in %s (%,d bytes) in %.1f s%n", rows, file, Files.size(file), (System.nanoTime() - t) / 1e9);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long rssBefore = rssKb(pid, "VmRSS");
        Instant start = Instant.now();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/contacts:import?project=" + project))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String id = field(accepted.body(), "id");
        Duration upload = Duration.between(start, Instant.now());
        System.out.printf("uploaded in %.1f s; job %s%n", upload.toMillis() / 1000.0, id);
        String job = awaitFinished(http, url, token, id, pid);
        Instant end = Instant.now();
        Instant started = Instant.parse(field(job, "startedAt"));
        Instant finished = Instant.parse(field(job, "finishedAt"));
        long read = Long.parseLong(number(job, "rowsRead"));
        double jobSeconds = Duration.between(started, finished).toMillis() / 1000.0;
        double wallSeconds = Duration.between(start, end).toMillis() / 1000.0;
        System.out.printf("status %s, %,d rows read, %s contacts, %s rejected, %s consent changes%n", field(job, "status"), read,
                number(job, "contactsImported"), number(job, "rowsRejected"), number(job, "consentChanges"));
        System.out.printf("job (parse + write): %.1f s = %,.0f rows/s; upload + job (wall): %.1f s = %,.0f rows/s%n",
                jobSeconds, read / jobSeconds, wallSeconds, read / wallSeconds);
        if (pid != null) {
            System.out.printf("service RSS before %,d kB, peak (VmHWM) %,d kB%n", rssBefore, rssKb(pid, "VmHWM"));
        }
        if (List.of(args).contains("--audience")) {
            streamAudience(http, url, token, project);
        }
    }

    /** Defines a segment of the whole project and streams its UTILITY audience as NDJSON, counting the members. */
    static void streamAudience(HttpClient http, String url, String token, String project) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/segments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench audience\",\"project\":\"" + project + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("segment refused: " + created.statusCode() + " " + created.body());
        }
        String segment = field(created.body(), "id");
        long t = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> audience = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/v1/segments/" + segment + "/audience?category=UTILITY"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/x-ndjson").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        long members;
        try (java.util.stream.Stream<String> lines = audience.body()) {
            members = lines.filter(line -> !line.isBlank()).count();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("audience (UTILITY, NDJSON, status %d): %,d members streamed in %.1f s = %,.0f members/s%n",
                audience.statusCode(), members, seconds, members / seconds);
    }

    static void generate(Path file, int rows, int optedInEvery) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random random = new Random(42);
        String[] tags = {"parent", "student", "teacher", "alumni"};
        String[] languages = {"en", "pt", "es", "fr"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("phone,name,language,tags,marketing,utility,consentAt,consentProof,attr.grade\n");
            for (int i = 0; i < rows; i++) {
                // +26371/73/77/78 + 7 digits: 4 x 10M distinct valid numbers, assigned without repeats
                int prefix = new int[]{71, 73, 77, 78}[i % 4];
                long subscriber = 1_000_000L + (i / 4) * 7L % 9_000_000L;
                boolean optIn = i % optedInEvery == 0;
                w.write("+263" + prefix + subscriber + ",Contact " + i + "," + languages[i % 4] + "," + tags[random.nextInt(4)]
                        + (optIn ? ",opt_in,opt_in,2026-01-0" + (1 + i % 9) + "T10:00:00Z,web form " + i : ",,,,")
                        + "," + (1 + i % 12) + "\n");
            }
        }
    }

    /** Polls the import job every 200 ms on a scheduler (printing progress every 5 s) until it completed or failed. */
    static String awaitFinished(HttpClient http, String url, String token, String id, String pid) throws Exception {
        HttpRequest poll = HttpRequest.newBuilder(URI.create(url + "/v1/imports/" + id)).header("Authorization", "Bearer " + token)
                .GET().build();
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        long[] lastPrint = {0};
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                String job = http.send(poll, HttpResponse.BodyHandlers.ofString()).body();
                String status = field(job, "status");
                if (System.currentTimeMillis() - lastPrint[0] > 5000) {
                    System.out.printf("  %s: %s rows read, RSS %,d kB%n", status, number(job, "rowsRead"), rssKb(pid, "VmRSS"));
                    lastPrint[0] = System.currentTimeMillis();
                }
                if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                    done.complete(job);
                }
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }, 0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return done.get();
        } finally {
            scheduler.shutdownNow();
        }
    }

    static long rssKb(String pid, String field) {
        if (pid == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*([0-9]+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
