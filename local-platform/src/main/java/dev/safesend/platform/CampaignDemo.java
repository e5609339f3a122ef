package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A campaign on the local platform, end to end through the real services: contacts imported with their opt-in
 * (consent-service's CSV import, with evidence), a segment of them, a UTILITY campaign of the simulator's
 * {@code order_update} template personalised from each contact's name and course, with a holdout; then started and
 * followed to completion. {@code ./safesend demo campaign} runs it with a progress bar; the end-to-end test drives
 * the same campaign through a pause, a resume and a killed ingest.
 */
public final class CampaignDemo {

    static final ObjectMapper JSON = new ObjectMapper();

    private final SafesendApiClient api;
    private final URI ingest;
    private final URI consent;
    private final String admin;
    private final String operator;

    public CampaignDemo(SafesendApiClient api, URI ingest, URI consent, String adminToken, String operatorToken) {
        this.api = api;
        this.ingest = ingest;
        this.consent = consent;
        this.admin = adminToken;
        this.operator = operatorToken;
    }

    /** Phones {@code format} 0 … size-1 (e.g. {@code +26377500%04d}). */
    public static List<String> phones(String format, int size) {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(String.format(format, i));
        }
        return out;
    }

    /** Imports the contacts opted in for UTILITY with a tag, waits for the import, and answers a segment of that tag. */
    public String audience(String project, String tag, List<String> phones, Duration timeout) {
        StringBuilder csv = new StringBuilder("phone,name,language,utility,tags,attr.course,consentProof\n");
        for (int i = 0; i < phones.size(); i++) {
            // every third contact has no name: the campaign's fallback greets them
            csv.append(phones.get(i)).append(',').append(i % 3 == 0 ? "" : "Learner " + i).append(",en,opt_in,").append(tag)
                    .append(',').append(i % 2 == 0 ? "Maths" : "").append(",demo sign-up form ").append(i).append('\n');
        }
        JsonNode job = api.exchange("POST", consent.resolve("/v1/contacts:import?project=" + project), admin, "text/csv",
                csv.toString(), 202);
        String jobId = job.path("id").asText();
        wait("the contact import " + jobId, Duration.ofMillis(200), timeout, () -> {
            JsonNode status = api.exchange("GET", consent.resolve("/v1/imports/" + jobId), admin, null, null, 200);
            return switch (status.path("status").asText()) {
                case "COMPLETED" -> Optional.of(status);
                case "FAILED" -> throw new Polling.GiveUp("the contact import failed: " + status);
                default -> Optional.empty();
            };
        });
        ObjectNode segment = JSON.createObjectNode().put("name", tag).put("project", project);
        segment.putArray("tagsAll").add(tag);
        return api.exchange("POST", consent.resolve("/v1/segments"), admin, "application/json", segment.toString(), 201)
                .path("id").asText();
    }

    /** A DRAFT campaign of {@code order_update} to the segment: "{{1}}" ← name (fallback "there"), "{{2}}" ← course. */
    public JsonNode create(String name, String project, String segmentId, double holdoutPercent, int priority) {
        return create(name, project, segmentId, holdoutPercent, priority, null);
    }

    /** The same, starting at {@code startAt} (null: when started). */
    public JsonNode create(String name, String project, String segmentId, double holdoutPercent, int priority, java.time.Instant startAt) {
        return create(name, project, segmentId, holdoutPercent, priority, startAt, false);
    }

    /** The same, resuming by itself after an automatic pause whose cause cleared when {@code autoResume}. */
    public JsonNode create(String name, String project, String segmentId, double holdoutPercent, int priority,
                           java.time.Instant startAt, boolean autoResume) {
        ObjectNode body = body(name, project, segmentId, holdoutPercent, priority).put("autoResume", autoResume);
        if (startAt != null) {
            body.putObject("schedule").put("startAt", startAt.toString());
        }
        return create(body);
    }

    /** The body of the demo campaign, to change before {@link #create(ObjectNode)}. */
    public static ObjectNode body(String name, String project, String segmentId, double holdoutPercent, int priority) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("project", project).put("category", "UTILITY")
                .put("priority", priority).put("holdoutPercent", holdoutPercent).put("ttl", "PT2H");
        body.putObject("template").put("name", "order_update").put("language", "en_US");
        ObjectNode parameters = body.putObject("parameters");
        parameters.putObject("1").put("field", "name").put("fallback", "there");
        parameters.putObject("2").put("field", "attributes.course").put("fallback", "your course");
        body.putObject("audience").put("segmentId", segmentId);
        return body;
    }

    public JsonNode create(ObjectNode body) {
        return api.exchange("POST", ingest.resolve("/v1/campaigns"), operator, "application/json", body.toString(), 201);
    }

    public JsonNode forecast(String id) {
        return api.exchange("POST", ingest.resolve("/v1/campaigns/" + id + ":forecast"), operator, null, null, 200);
    }

    /** {@code start}, {@code pause}, {@code resume} or {@code cancel}. */
    public JsonNode act(String id, String action, String reason) {
        return api.exchange("POST", ingest.resolve("/v1/campaigns/" + id + ":" + action), operator, "application/json",
                JSON.createObjectNode().put("reason", reason).toString(), 200);
    }

    public JsonNode campaign(String id) {
        return api.exchange("GET", ingest.resolve("/v1/campaigns/" + id), operator, null, null, 200);
    }

    /** Follows the campaign until it is finished, handing each reading to {@code each}; answers the last reading. */
    public JsonNode follow(String id, Duration timeout, Duration every, Consumer<JsonNode> each) {
        return wait("campaign " + id + " finishing", every, timeout, () -> {
            JsonNode c = campaign(id);
            each.accept(c);
            String state = c.path("state").asText();
            return state.equals("COMPLETED") || state.equals("CANCELLED") ? Optional.of(c) : Optional.empty();
        });
    }

    /** Reads the campaign until {@code done} holds for it; answers that reading. */
    public JsonNode followUntil(String id, Duration timeout, Duration every, java.util.function.Predicate<JsonNode> done) {
        return wait("campaign " + id, every, timeout, () -> {
            JsonNode c = campaign(id);
            return done.test(c) ? Optional.of(c) : Optional.empty();
        });
    }

    /** One line: a bar of the recipients with a final state, and the counts. */
    public static String progressLine(JsonNode c) {
        JsonNode p = c.path("progress");
        long total = p.path("total").asLong();
        long done = total - p.path("remaining").asLong();
        int width = 30;
        int filled = total == 0 ? 0 : (int) (width * done / total);
        StringBuilder counts = new StringBuilder();
        p.path("counts").fields().forEachRemaining(e -> counts.append(' ').append(e.getKey().toLowerCase()).append('=').append(e.getValue().asLong()));
        return String.format("[%s%s] %d/%d %s%s, %.0f/s", "#".repeat(filled), ".".repeat(width - filled), done, total,
                c.path("state").asText(), counts, p.path("currentRatePerSecond").asDouble());
    }

    private static <T> T wait(String what, Duration every, Duration timeout, Callable<Optional<T>> look) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            return Polling.until(scheduler, what, every, timeout, look).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
