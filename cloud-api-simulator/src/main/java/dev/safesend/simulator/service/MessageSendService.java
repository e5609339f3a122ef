package dev.safesend.simulator.service;

import dev.safesend.simulator.config.SimulatorMetrics;
import dev.safesend.simulator.domain.Addressee;
import dev.safesend.simulator.domain.DeliveryLifecycle;
import dev.safesend.simulator.domain.GateDecision;
import dev.safesend.simulator.domain.LedgerEntry;
import dev.safesend.simulator.domain.MessageStatus;
import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.OutboundMessage;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.PairReactions;
import dev.safesend.simulator.domain.RecipientBehaviour;
import dev.safesend.simulator.domain.Rejection;
import dev.safesend.simulator.domain.SendGate;
import dev.safesend.simulator.domain.SendLedger;
import dev.safesend.simulator.domain.StatusUpdate;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.UserDirectory;
import dev.safesend.simulator.domain.WamidSequence;
import dev.safesend.simulator.webhook.WebhookEmitter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one message: runs the gate, records the outcome in the ledger (and, for the user, that this
 * number sent to them) and schedules the status webhooks of an accepted message. Never blocks:
 * webhooks are only enqueued here.
 */
@ApplicationScoped
public class MessageSendService {

    private static final Duration CONVERSATION_LENGTH = Duration.ofHours(24);

    private final SendGate gate;
    private final SendLedger ledger;
    private final UserDirectory users;
    private final DeliveryLifecycle lifecycle;
    private final WamidSequence wamids;
    private final FaultService faults;
    private final PopulationService population;
    private final WebhookEmitter webhooks;
    private final Clock clock;
    private final MeterRegistry registry;

    public MessageSendService(SendGate gate, SendLedger ledger, UserDirectory users, DeliveryLifecycle lifecycle,
                              WamidSequence wamids, FaultService faults, PopulationService population,
                              WebhookEmitter webhooks, Clock clock, MeterRegistry registry) {
        this.gate = gate;
        this.ledger = ledger;
        this.users = users;
        this.lifecycle = lifecycle;
        this.wamids = wamids;
        this.faults = faults;
        this.population = population;
        this.webhooks = webhooks;
        this.clock = clock;
        this.registry = registry;
    }

    public SendOutcome send(OutboundMessage message) {
        GateDecision decision = gate.evaluate(message, faults.current());
        if (decision instanceof GateDecision.Rejected rejected) {
            recordError(rejected.rejection().error());
            Log.debugf("Refused %s from %s to %s: %s", message.type(), message.phoneNumberId(),
                    message.recipient().masked(), rejected.rejection().error().message());
            return new SendOutcome.Refused(rejected.rejection());
        }
        GateDecision.Accepted accepted = (GateDecision.Accepted) decision;
        Addressee to = accepted.addressee();
        Recipient recipient = message.recipient();
        Instant now = clock.instant();
        String wamid = wamids.next(to.byPhone() ? recipient.waId() : recipient.userId().replace(".", ""));
        Rejection failure = accepted.asyncFailure();
        if (failure == null && population.blocked(message.phoneNumberId(), to)) {
            failure = PairReactions.BLOCKED;
        }
        ledger.recordAccepted(new LedgerEntry(wamid, message.phoneNumberId(), to.byPhone() ? recipient.input() : null,
                to.byPhone() ? null : recipient.userId(), to.phone(), to.personKey(), message.type(),
                message.isTemplate() ? message.template().name() : null, message.callbackData(), now,
                failure == null ? null : failure.error().code()));
        users.recordBusinessSend(to, message.phoneNumberId(), now);
        registry.counter(SimulatorMetrics.MESSAGES_ACCEPTED, SimulatorMetrics.TAG_TYPE, message.type()).increment();
        if (failure != null) {
            recordError(failure.error());
            webhooks.emitStatus(new StatusUpdate(message.phoneNumberId(), wamid, MessageStatus.FAILED,
                    lifecycle.failure(now).at(), to.byPhone() ? to.phone() : null, to.byPhone() ? null : to.userId(),
                    null, message.callbackData(), null, null, null, failure));
        } else {
            scheduleLifecycle(message, to, accepted.template(), wamid, now);
        }
        Log.debugf("Accepted %s %s from %s to %s", message.type(), wamid, message.phoneNumberId(), recipient.masked());
        return new SendOutcome.Accepted(wamid, recipient, message.isTemplate());
    }

    /** Counts an error decided outside the gate (authentication, validation, injected server errors). */
    public void recordError(MetaError error) {
        ledger.recordError(error.code());
        registry.counter(SimulatorMetrics.MESSAGES_REJECTED, SimulatorMetrics.TAG_CODE, Integer.toString(error.code()))
                .increment();
    }

    /**
     * Schedules the statuses of an accepted message, as the configured lifecycle or the recipient's
     * population class decides, and the recipient's reaction to it (reply, STOP, block).
     */
    private void scheduleLifecycle(OutboundMessage message, Addressee to, Template template, String wamid,
                                   Instant acceptedAt) {
        StatusUpdate.Pricing pricing = template != null
                ? new StatusUpdate.Pricing(true, "regular", template.category().pricingName())
                : new StatusUpdate.Pricing(false, "free_customer_service", "service");
        String conversationId = UUID.randomUUID().toString().replace("-", "");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        RecipientBehaviour behaviour = population.behaviourOf(to);
        DeliveryLifecycle.Plan plan = lifecycle.plan(behaviour, acceptedAt, random::nextDouble);
        for (DeliveryLifecycle.PlannedStatus planned : plan.statuses()) {
            boolean priced = planned.status() != MessageStatus.READ;
            webhooks.emitStatus(new StatusUpdate(message.phoneNumberId(), wamid, planned.status(), planned.at(),
                    to.byPhone() ? to.phone() : null, to.userId(), to.user().username(), message.callbackData(),
                    priced ? pricing : null,
                    priced ? conversationId : null,
                    planned.status() == MessageStatus.SENT ? planned.at().plus(CONVERSATION_LENGTH) : null, null));
        }
        population.schedule(plan.reaction(), message.phoneNumberId(), to, wamid);
    }
}
