package dev.safesend.platform;


import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./safesend demo}: against a running platform, send a few template messages as a
 * {@code sender} and follow each in analytics (as a {@code viewer}) until it is DELIVERED or READ.
 */
final class DemoScenario {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String PROJECT = "demo";
    static final String CATEGORY = "UTILITY";
    static final Set<String> ARRIVED = Set.of("DELIVERED", "READ");
    /** Statuses after which a message will never be delivered. */
    static final Set<String> GIVEN_UP = Set.of("FAILED", "REJECTED", "SUPPRESSED", "EXPIRED");

    /** One message the demo sends. */
    record DemoMessage(String recipient, String template, String language, List<String> bodyParameters) {
    }

    static final List<DemoMessage> MESSAGES = List.of(
            new DemoMessage("+263771234567", "order_update", "en_US", List.of("Tariro", "A-1001")),
            new DemoMessage("+14155550123", "hello_world", "en_US", List.of()),
            // +447700900123 (the Ofcom drama range) is not a valid number for libphonenumber, so ingest refuses it
            new DemoMessage("+447400123456", "order_update", "en_US", List.of("Amelia", "A-1002")));

    private final SafesendApiClient api;
    private final URI consent;
    private final java.util.function.Function<String, String> tokens;
    private final PrintStream out;

    /** @param tokens a bearer token by role (the dev key's, or the running Keycloak's) */
    DemoScenario(SafesendApiClient api, URI consent, java.util.function.Function<String, String> tokens, PrintStream out) {
        this.api = api;
        this.consent = consent;
        this.tokens = tokens;
        this.out = out;
    }

    /** @return 0 when every message arrived, 1 otherwise */
    int run() {
        long begin = System.nanoTime();
        String senderToken = tokens.apply("sender");
        List<String> ids = new ArrayList<>();
        List<DemoMessage> sent = new ArrayList<>();
        int refused = 0;
        String adminToken = tokens.apply("admin");
        out.println("Recording each recipient's opt-in at consent-service (nobody is messaged without one):");
        for (DemoMessage message : MESSAGES) {
            api.grantConsent(consent, adminToken, message.recipient(), PROJECT, "./safesend demo");
            out.printf("  opted in  %s  (project '%s', source ADMIN)%n", message.recipient(), PROJECT);
        }
        out.println("Sending " + MESSAGES.size() + " " + CATEGORY + " template messages (project '" + PROJECT
                + "') as dev-sender:");
        for (DemoMessage message : MESSAGES) {
            try {
                String id = api.sendTemplate(senderToken, message.recipient(), PROJECT, CATEGORY, message.template(),
                        message.language(), message.bodyParameters());
                ids.add(id);
                sent.add(message);
                out.printf("  202 accepted  %s  to %s  (%s %s %s)%n", id, message.recipient(), message.template(),
                        message.language(), message.bodyParameters());
            } catch (SafesendApiClient.UnexpectedAnswerException e) {
                refused++;
                out.printf("  NOT accepted  to %s: %s%n", message.recipient(), e.getMessage());
            }
        }
        out.println("Following them in analytics until DELIVERED or READ (up to " + TIMEOUT.toSeconds() + " s)…");
        out.println();

        String viewerToken = tokens.apply("viewer");
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "safesend-demo");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<AtomicReference<SafesendApiClient.MessageView>> lastSeen = new ArrayList<>();
            List<CompletableFuture<SafesendApiClient.MessageView>> outcomes = new ArrayList<>();
            for (String id : ids) {
                AtomicReference<SafesendApiClient.MessageView> last = new AtomicReference<>();
                lastSeen.add(last);
                outcomes.add(Polling.until(scheduler, "delivery of " + id, Duration.ofMillis(500), TIMEOUT, () -> {
                    Optional<SafesendApiClient.MessageView> view = api.findMessage(viewerToken, id);
                    view.ifPresent(last::set);
                    if (view.isPresent() && ARRIVED.contains(view.get().status())) {
                        return view;
                    }
                    if (view.isPresent() && GIVEN_UP.contains(view.get().status())) {
                        throw new Polling.GiveUp("ended " + view.get().status());
                    }
                    return Optional.empty();
                }));
            }
            int arrived = 0;
            for (int i = 0; i < ids.size(); i++) {
                String problem = outcome(outcomes.get(i));
                SafesendApiClient.MessageView view = lastSeen.get(i).get();
                print(ids.get(i), sent.get(i).recipient(), view, problem);
                if (problem == null) {
                    arrived++;
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            if (arrived == MESSAGES.size()) {
                out.printf("Demo OK: %d of %d messages delivered in %.1f s.%n", arrived, MESSAGES.size(), seconds);
                return 0;
            }
            out.printf("Demo FAILED: %d of %d messages did not arrive (%d not accepted); see above and the service"
                    + " logs in the state folder.%n", MESSAGES.size() - arrived, MESSAGES.size(), refused);
            return 1;
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Null when the message arrived, else why not. */
    private static String outcome(CompletableFuture<SafesendApiClient.MessageView> future) {
        try {
            future.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        }
    }

    private void print(String id, String recipient, SafesendApiClient.MessageView view, String problem) {
        String status = view == null ? "unknown to analytics" : view.status();
        out.printf("message %s  to %s  %s%s%n", id, recipient, status,
                problem == null ? "" : "  <- NOT DELIVERED: " + problem);
        if (view == null) {
            out.println();
            return;
        }
        if (view.wamid() != null) {
            out.println("  wamid " + view.wamid() + (view.senderId() == null ? "" : ", sender " + view.senderId()));
        }
        for (SafesendApiClient.TimelineEntry entry : view.timeline()) {
            out.printf("  %-26s %-11s %-10s%s%s%n", entry.at(), entry.status(), entry.source() == null ? "" : entry.source(),
                    entry.reason() == null ? "" : " reason: " + entry.reason(),
                    entry.errorCode() == null ? "" : " error " + entry.errorCode());
        }
        out.println();
    }
}
