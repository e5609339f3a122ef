package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.Lane;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.SenderRouting;
import dev.safesend.ingest.domain.Template;
import dev.safesend.ingest.domain.TemplateRef;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignState;
import dev.safesend.ingest.domain.campaign.RecipientZone;
import dev.safesend.ingest.domain.campaign.ReleasePlan;
import dev.safesend.ingest.repository.AcceptedMessageRepository;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import dev.safesend.ingest.repository.CampaignRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs campaigns: begins scheduled ones at their start time, copies their audience (on a thread of its own), hands
 * queued messages to the senders' lanes at the pace the plan allows, pauses a campaign whose template stops being
 * sendable and resumes it when that clears (if it may), and completes it once every recipient has a final state.
 *
 * <p>Release keeps only a few seconds of the senders' rate in the lanes, so a pause, a cancel or a campaign of
 * higher priority takes effect within seconds; campaigns are served in priority order each turn. A release is one
 * transaction: claim queued rows, record and publish their messages, wait for Kafka, commit. After a crash in the
 * middle the rows are still queued and are released again with the same message ids, which dispatch sends once.
 */
@ApplicationScoped
public class CampaignReleaser {

    private static final List<CampaignState> ACTIVE = List.of(CampaignState.SCHEDULED, CampaignState.RUNNING, CampaignState.PAUSED);
    /** Recipients of a cancelled campaign marked CANCELLED per turn, and for how long after the cancel it is looked at. */
    private static final int CANCEL_CHUNK = 20_000;
    private static final Duration CANCEL_SWEEP = Duration.ofDays(7);

    private final IngestConfig config;
    private final CampaignRepository campaigns;
    private final CampaignRecipientRepository recipients;
    private final CampaignService service;
    private final CampaignFanOut fanOut;
    private final SenderCapacity capacity;
    private final TemplateRegistryService templates;
    private final SenderHealthProjection senderHealth;
    private final AcceptedMessageRepository accepted;
    private final OutboundPublisher producer;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, Double> carry = new HashMap<>();
    private final Map<String, Instant> lastTurn = new HashMap<>();
    private final AtomicBoolean fanningOut = new AtomicBoolean();
    private ScheduledExecutorService timer;
    private ExecutorService fanOutWorker;

    public CampaignReleaser(IngestConfig config, CampaignRepository campaigns, CampaignRecipientRepository recipients,
                            CampaignService service, CampaignFanOut fanOut, SenderCapacity capacity,
                            TemplateRegistryService templates, SenderHealthProjection senderHealth,
                            AcceptedMessageRepository accepted, OutboundPublisher producer, MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.service = service;
        this.fanOut = fanOut;
        this.capacity = capacity;
        this.templates = templates;
        this.senderHealth = senderHealth;
        this.accepted = accepted;
        this.producer = producer;
        this.metrics = metrics;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ingest-campaigns"));
        fanOutWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "ingest-campaign-fanout"));
        long every = config.campaigns().releaseInterval().toMillis();
        timer.scheduleWithFixedDelay(this::turnQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
            fanOutWorker.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void turnQuietly() {
        try {
            turn();
        } catch (RuntimeException e) {
            Log.warnf("campaign turn failed (%s); the next turn tries again", e.getMessage());
        }
    }

    /** One turn over every active campaign, highest priority first. */
    public void turn() {
        List<Campaign> active = campaigns.inStates(ACTIVE).stream()
                .sorted(Comparator.comparingInt((Campaign c) -> c.definition().priority()).thenComparing(Campaign::id))
                .toList();
        if (active.stream().anyMatch(c -> !c.audienceDone()) && fanningOut.compareAndSet(false, true)) {
            fanOutWorker.execute(this::fanOutAll);
        }
        for (Campaign c : campaigns.cancelledSince(clock.instant().minus(CANCEL_SWEEP))) {
            int n = QuarkusTransaction.requiringNew().call(() -> recipients.cancelQueued(c.id(), CANCEL_CHUNK, clock.instant()));
            if (n > 0) {
                Log.infof("campaign cancelled campaignId=%s: %d more recipients that were never released marked CANCELLED", c.id(), n);
            }
        }
        Map<String, Long> laneUse = new HashMap<>();
        for (Campaign c : active) {
            try {
                look(c, laneUse);
            } catch (RuntimeException e) {
                Log.warnf("campaign %s: turn failed (%s)", c.id(), e.getMessage());
            }
        }
    }

    private void look(Campaign c, Map<String, Long> laneUse) {
        Instant now = clock.instant();
        CampaignDefinition d = c.definition();
        Optional<String> hold = holdReason(d);
        switch (c.state()) {
            case SCHEDULED -> {
                if (ReleasePlan.forCampaign(d, null).started(now)) {
                    service.actAsSystem(c.id(), CampaignState.Action.BEGIN, "start time reached", null);
                }
            }
            case PAUSED -> {
                if (c.pauseReason() != null && d.autoResume() && hold.isEmpty()) {
                    service.actAsSystem(c.id(), CampaignState.Action.RESUME, "cleared: " + c.pauseReason(), c.pauseReason());
                }
            }
            case RUNNING -> {
                if (hold.isPresent()) {
                    service.actAsSystem(c.id(), CampaignState.Action.PAUSE, hold.get(), null);
                    return;
                }
                release(c, now, laneUse);
                if (c.audienceDone() && recipients.unfinished(c.id()) == 0) {
                    service.actAsSystem(c.id(), CampaignState.Action.COMPLETE, "every recipient has a final state", null);
                }
            }
            default -> { }
        }
    }

    /**
     * Why the campaign must not send now, if it must not: a template language it uses is no longer APPROVED or its
     * quality is RED (Meta pauses or disables templates that recipients block or report), or every number of its
     * pool is paused for its category by health-monitor.
     */
    Optional<String> holdReason(CampaignDefinition d) {
        for (String language : d.template().languages()) {
            Optional<Template> t = templates.find(d.template().name(), language);
            if (t.isEmpty()) {
                return Optional.of("TEMPLATE_REMOVED " + d.template().name() + " (" + language + ")");
            }
            if (!t.get().approved()) {
                return Optional.of("TEMPLATE_" + t.get().status().toUpperCase(java.util.Locale.ROOT) + " " + d.template().name() + " (" + language + ")");
            }
            if ("RED".equalsIgnoreCase(t.get().quality())) {
                return Optional.of("TEMPLATE_QUALITY_RED " + d.template().name() + " (" + language + ")");
            }
        }
        List<String> pool = capacity.pool(d.project());
        if (!pool.isEmpty() && pool.stream().noneMatch(s -> senderHealth.available(s, d.category()))) {
            return Optional.of("SENDERS_PAUSED " + String.join(",", pool));
        }
        return Optional.empty();
    }

    private void release(Campaign c, Instant now, Map<String, Long> laneUse) {
        CampaignDefinition d = c.definition();
        List<String> pool = capacity.pool(d.project());
        SenderCapacity.Capacity cap = capacity.of(pool);
        ReleasePlan plan = ReleasePlan.forCampaign(d, cap.quietHours());
        Map<ZoneId, Long> queued = RecipientZone.byZone(recipients.queuedByZone(c.id()));
        double factor = plan.factor(queued, now);
        Instant previous = lastTurn.put(c.id(), now);
        if (factor <= 0 || queued.isEmpty()) {
            carry.remove(c.id());
            return;
        }
        // the time since the last turn earns tokens at the plan's rate; a gap (a restart, a slow turn) earns at most
        // lane-seconds' worth, and unspent tokens are kept only up to that, so the rate holds over any window
        double most = config.campaigns().laneSeconds();
        double seconds = previous == null ? Math.min(config.campaigns().releaseInterval().toMillis() / 1000.0, most)
                : Math.max(0, Math.min(Duration.between(previous, now).toMillis() / 1000.0, most));
        double rate = plan.ratePerSecond(cap.messagesPerSecond());
        double tokens = Math.min(carry.getOrDefault(c.id(), 0.0) + rate * factor * seconds, rate * most);
        String poolKey = String.join(",", pool);
        long inLanes = recipients.inLanes(c.id());
        long laneRoom = Math.max(config.campaigns().minInLanes(), (long) (cap.messagesPerSecond() * config.campaigns().laneSeconds()))
                - laneUse.getOrDefault(poolKey, 0L) - inLanes;
        laneUse.merge(poolKey, inLanes, Long::sum);
        CampaignRecipientRepository.Released released = recipients.released(c.id(), d.pacing(), now);
        long ceiling = plan.ceilingRoom(released.lastHour(), released.lastDay());
        int n = (int) Math.min(Math.min((long) Math.floor(tokens), laneRoom), Math.min(ceiling, config.campaigns().maxReleasePerTurn()));
        if (n <= 0) {
            carry.put(c.id(), tokens);
            return;
        }
        List<String> open = queued.keySet().stream().filter(z -> plan.factor(z, now) > 0).map(ZoneId::getId).toList();
        int handed = QuarkusTransaction.requiringNew().call(() -> releaseIn(c, open, n, now, pool));
        laneUse.merge(poolKey, (long) handed, Long::sum);
        carry.put(c.id(), Math.max(0, tokens - handed));
    }

    private int releaseIn(Campaign c, List<String> zones, int n, Instant now, List<String> pool) {
        CampaignDefinition d = c.definition();
        if (!recipients.runningLocked(c.id())) {
            return 0; // paused or cancelled since this turn read it
        }
        List<CampaignRecipientRepository.Queued> claimed = recipients.claim(c.id(), zones, n, now);
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        List<AcceptedMessage> messages = new ArrayList<>(claimed.size());
        Map<String, Template.ParameterFormat> formats = new HashMap<>();
        for (CampaignRecipientRepository.Queued q : claimed) {
            TemplateRef template = render(templates, d, q, formats);
            MessageRequest request = new MessageRequest(q.recipient(), d.project(), d.category(), null, template, c.id(),
                    null, at.plus(d.ttl()), null, Map.of("campaign", d.name()));
            String sender = SenderRouting.senderFor(q.recipient(), pool, s -> senderHealth.available(s, d.category()));
            messages.add(new AcceptedMessage(q.messageId(), request, sender, d.priority() == 1 ? Lane.URGENT : Lane.BULK,
                    at, at.plus(d.ttl()), d.priority()));
        }
        accepted.recordOnce(messages);
        recipients.assignSenders(messages.stream().map(AcceptedMessage::messageId).toList(),
                messages.stream().map(AcceptedMessage::senderId).toList());
        Publication.await(producer.publishAll(messages, null), config.publishTimeout());
        metrics.counter(IngestMetrics.CAMPAIGN_MESSAGES_RELEASED).increment(messages.size());
        return messages.size();
    }

    /**
     * The template message a queued recipient is released with: its language's parameter format as the registry has it
     * ({@code formats} caches it per language for a batch). The campaign forecast renders with it too, to digest the
     * content dispatch's identical-content rule will compare.
     */
    static TemplateRef render(TemplateRegistryService templates, CampaignDefinition d, CampaignRecipientRepository.Queued q,
                              Map<String, Template.ParameterFormat> formats) {
        Template.ParameterFormat format = formats.computeIfAbsent(q.language(), l -> templates.find(d.template().name(), l)
                .map(Template::parameterFormat).orElse(Template.ParameterFormat.POSITIONAL));
        return templateFor(d, q, format);
    }

    static TemplateRef templateFor(CampaignDefinition d, CampaignRecipientRepository.Queued q, Template.ParameterFormat format) {
        if (format == Template.ParameterFormat.NAMED) {
            Map<String, String> named = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(d.parameters().keySet());
            for (int i = 0; i < keys.size() && i < q.parameters().size(); i++) {
                named.put(keys.get(i), q.parameters().get(i));
            }
            return new TemplateRef(d.template().name(), q.language(), List.of(), named, null, null, List.of());
        }
        return TemplateRef.positional(d.template().name(), q.language(), q.parameters());
    }

    private void fanOutAll() {
        try {
            for (Campaign c : campaigns.inStates(ACTIVE)) {
                if (!c.audienceDone()) {
                    fanOut.copyRest(c);
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("campaign fan-out failed (%s); the next turn resumes from the last checkpoint", e.getMessage());
        } finally {
            fanningOut.set(false);
        }
    }
}
