package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.CustomerServiceWindow;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.PairKey;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.WamidSequence;
import dev.safesend.simulator.webhook.WebhookEmitter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** A simulated user writes to a business number: the window opens and ingest gets the message webhook. */
@ApplicationScoped
public class InboundMessageService {

    private final CustomerServiceWindow window;
    private final WamidSequence wamids;
    private final WebhookEmitter webhooks;
    private final Clock clock;

    public InboundMessageService(CustomerServiceWindow window, WamidSequence wamids, WebhookEmitter webhooks,
                                 Clock clock) {
        this.window = window;
        this.wamids = wamids;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** A free-text message ({@code text}) or a button tap ({@code buttonPayload}); exactly one is set. */
    public InboundMessage receive(String waId, String phoneNumberId, String profileName, String text,
                                  String buttonPayload, String buttonText, String contextWamid) {
        InboundMessage message = new InboundMessage(phoneNumberId, waId,
                profileName != null ? profileName : "Simulated User", wamids.next(waId), clock.instant(), text,
                buttonPayload, buttonText, contextWamid);
        window.open(new PairKey(phoneNumberId, waId));
        webhooks.emitInbound(message);
        Log.infof("User %s wrote to %s (%s, %s)", Recipient.mask(waId), phoneNumberId,
                message.isButton() ? "button" : "text", message.wamid());
        return message;
    }
}
