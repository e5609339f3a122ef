package dev.safesend.simulator.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.config.SimulatorConfig;
import dev.safesend.simulator.config.SimulatorMetrics;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.NumberChangeNotice;
import dev.safesend.simulator.domain.StatusUpdate;
import dev.safesend.simulator.domain.UserPreferenceChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts signed webhooks without ever blocking the send path. Callers enqueue updates with the time
 * they fall due; one emitter thread wakes every {@code webhook.flush-interval}, takes everything due,
 * batches statuses of the same business number (up to {@code webhook.max-batch} per POST) and posts
 * them with the JDK's asynchronous HTTP client, at most {@code webhook.max-in-flight} at a time.
 * A POST answered with a non-2xx status or failing to connect is retried with exponential backoff
 * up to {@code webhook.max-attempts} times, then counted as failed. All queue state is owned by the
 * emitter thread; HTTP completions hop back onto it.
 *
 * <p>Like Meta (reference §3.3), ordering across POSTs is not guaranteed once a POST is retried.
 */
@ApplicationScoped
public class WebhookEmitter {

    private static final Comparator<Queued> BY_DUE_TIME =
            Comparator.comparingLong(Queued::dueAtMillis).thenComparingLong(Queued::sequence);

    private final SimulatorConfig.Webhook settings;
    private final String webhookUrl;
    private final Clock clock;
    private final WebhookPayloads payloads;
    private final WebhookSigner signer;
    private final Counter deliveredMeter;
    private final Counter failedMeter;
    private final Counter retriedMeter;

    private final Object enqueueLock = new Object();
    private final PriorityBlockingQueue<Queued> scheduled = new PriorityBlockingQueue<>(1024, BY_DUE_TIME);
    private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
    private final PriorityQueue<Delivery> retrying = new PriorityQueue<>(Comparator.comparingLong(d -> d.dueAtMillis));
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long generation;

    private volatile ScheduledExecutorService executor;
    private HttpClient client;
    private URI target;

    public WebhookEmitter(SimulatorConfig config, Clock clock, ObjectMapper json, BusinessNumbers numbers,
                          MeterRegistry registry) {
        this.settings = config.webhook();
        this.webhookUrl = config.webhookUrl();
        this.clock = clock;
        this.payloads = new WebhookPayloads(json, config.wabaId(), numbers);
        this.signer = new WebhookSigner(config.appSecret());
        if (settings.maxBatch() < 1 || settings.maxInFlight() < 1 || settings.maxAttempts() < 1) {
            throw new IllegalArgumentException("webhook max-batch, max-in-flight and max-attempts must be at least 1");
        }
        this.deliveredMeter = registry.counter(SimulatorMetrics.WEBHOOKS_DELIVERED);
        this.failedMeter = registry.counter(SimulatorMetrics.WEBHOOKS_FAILED);
        this.retriedMeter = registry.counter(SimulatorMetrics.WEBHOOKS_RETRIED);
        registry.gauge(SimulatorMetrics.WEBHOOKS_PENDING, pending);
    }

    void start(@Observes StartupEvent event) {
        target = URI.create(webhookUrl);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .build();
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "webhook-emitter");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(1, settings.flushInterval().toMillis());
        thread.scheduleWithFixedDelay(this::flush, tick, tick, TimeUnit.MILLISECONDS);
        executor = thread;
        Log.infof("Webhook emitter posting to %s (enabled=%s, batch<=%d, attempts<=%d)", webhookUrl, settings.enabled(),
                settings.maxBatch(), settings.maxAttempts());
    }

    void stop(@Observes ShutdownEvent event) {
        ScheduledExecutorService thread = executor;
        executor = null;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    public boolean isRunning() {
        ScheduledExecutorService thread = executor;
        return thread != null && !thread.isShutdown();
    }

    public String target() {
        return webhookUrl;
    }

    /** Reports {@code status} when its time comes. */
    public void emitStatus(StatusUpdate status) {
        enqueue(status.at(), new WebhookUpdate.Status(status));
    }

    /** Reports a message a user sent, now. */
    public void emitInbound(InboundMessage message) {
        enqueue(message.at(), new WebhookUpdate.Inbound(message));
    }

    /** Reports a user's number change to one business number, now. */
    public void emitNumberChange(NumberChangeNotice notice) {
        enqueue(notice.at(), new WebhookUpdate.NumberChange(notice));
    }

    /** Reports a user's marketing stop or resume to one business number, now. */
    public void emitPreference(UserPreferenceChange change) {
        enqueue(change.at(), new WebhookUpdate.Preference(change));
    }

    /** Reports an account-level change of the default WABA ({@code field} with {@code value} passed through), now. */
    public void emitAccountChange(String field, Object value) {
        emitAccountChange(null, field, value);
    }

    /** Reports an account-level change of {@code wabaId} (null: the default WABA), now. */
    public void emitAccountChange(String wabaId, String field, Object value) {
        Instant now = clock.instant();
        enqueue(now, new WebhookUpdate.AccountChange(wabaId, field, value, now));
    }

    public WebhookCounters counters() {
        return new WebhookCounters(delivered.get(), failed.get(), pending.get(), posts.get(), retries.get());
    }

    /** Drops everything not yet posted and zeroes the counters; answers to older POSTs are ignored. */
    public void reset() {
        synchronized (enqueueLock) {
            generation++;
            scheduled.clear();
            pending.set(0);
            delivered.set(0);
            failed.set(0);
            posts.set(0);
            retries.set(0);
        }
    }

    private void enqueue(Instant due, WebhookUpdate update) {
        if (!settings.enabled()) {
            return;
        }
        synchronized (enqueueLock) {
            scheduled.add(new Queued(due.toEpochMilli(), sequence.incrementAndGet(), generation, update));
            pending.incrementAndGet();
        }
    }

    private void flush() {
        try {
            long now = clock.millis();
            while (!retrying.isEmpty() && retrying.peek().dueAtMillis <= now) {
                ready.add(retrying.poll());
            }
            batch(takeDue(now));
            sendReady();
        } catch (RuntimeException e) {
            Log.error("Webhook flush failed", e);
        }
    }

    private List<Queued> takeDue(long now) {
        List<Queued> due = new ArrayList<>();
        Queued head;
        while ((head = scheduled.peek()) != null && head.dueAtMillis() <= now) {
            Queued taken = scheduled.poll();
            if (taken == null) {
                break;
            }
            if (taken.dueAtMillis() > now) {
                scheduled.add(taken);
                break;
            }
            due.add(taken);
        }
        return due;
    }

    private void batch(List<Queued> due) {
        long current = generation;
        List<WebhookUpdate> updates = due.stream().filter(queued -> queued.generation() == current)
                .map(Queued::update).toList();
        for (List<WebhookUpdate> batch : WebhookBatches.group(updates, settings.maxBatch())) {
            ready.add(new Delivery(batch, current));
        }
    }

    private void sendReady() {
        while (inFlight.get() < settings.maxInFlight()) {
            Delivery delivery = ready.poll();
            if (delivery == null) {
                return;
            }
            if (delivery.generation == generation) {
                post(delivery);
            }
        }
    }

    private void post(Delivery delivery) {
        if (delivery.body == null) {
            delivery.body = payloads.envelope(delivery.updates);
            delivery.signature = signer.sign(delivery.body);
        }
        delivery.attempts++;
        inFlight.incrementAndGet();
        posts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header(WebhookSigner.HEADER, delivery.signature)
                .header("User-Agent", "facebookexternalua")
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
                .build();
        ScheduledExecutorService thread = executor;
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((response, error) -> onAnswer(delivery, response, error),
                        thread != null ? thread : Runnable::run);
    }

    private void onAnswer(Delivery delivery, HttpResponse<Void> response, Throwable error) {
        inFlight.decrementAndGet();
        if (delivery.generation == generation) {
            int count = delivery.updates.size();
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.addAndGet(count);
                pending.addAndGet(-count);
                deliveredMeter.increment(count);
            } else if (delivery.attempts < settings.maxAttempts()) {
                retries.incrementAndGet();
                retriedMeter.increment();
                delivery.dueAtMillis = clock.millis() + backoff(delivery.attempts).toMillis();
                retrying.add(delivery);
                Log.debugf("Webhook POST of %d update(s) failed (%s), attempt %d, retrying", (Object) count,
                        describe(response, error), delivery.attempts);
            } else {
                failed.addAndGet(count);
                pending.addAndGet(-count);
                failedMeter.increment(count);
                Log.warnf("Webhook POST of %d update(s) to %s given up after %d attempts (%s)", count, webhookUrl,
                        delivery.attempts, describe(response, error));
            }
        }
        sendReady();
    }

    private Duration backoff(int attemptsSoFar) {
        Duration wait = settings.initialBackoff().multipliedBy(1L << Math.min(attemptsSoFar - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private static String describe(HttpResponse<Void> response, Throwable error) {
        return error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode();
    }

    private record Queued(long dueAtMillis, long sequence, long generation, WebhookUpdate update) {
    }

    /** One POST: its updates, the exact signed bytes (reused by retries) and its retry state. */
    private static final class Delivery {
        private final List<WebhookUpdate> updates;
        private final long generation;
        private byte[] body;
        private String signature;
        private int attempts;
        private long dueAtMillis;

        private Delivery(List<WebhookUpdate> updates, long generation) {
            this.updates = updates;
            this.generation = generation;
        }
    }
}
