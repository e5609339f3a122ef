package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.Bsuid;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.CustomerServiceWindow;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.PairKey;
import dev.safesend.simulator.domain.UserDirectory;
import dev.safesend.simulator.domain.WamidSequence;
import dev.safesend.simulator.domain.WhatsAppUser;
import dev.safesend.simulator.webhook.WebhookEmitter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * A simulated user writes to a business number: the window opens and ingest gets the message
 * webhook, with the user's BSUID and, unless it is withheld from that number, the phone.
 */
@ApplicationScoped
public class InboundMessageService {

    private final CustomerServiceWindow window;
    private final UserDirectory users;
    private final BusinessNumbers numbers;
    private final WamidSequence wamids;
    private final WebhookEmitter webhooks;
    private final Clock clock;

    public InboundMessageService(CustomerServiceWindow window, UserDirectory users, BusinessNumbers numbers,
                                 WamidSequence wamids, WebhookEmitter webhooks, Clock clock) {
        this.window = window;
        this.users = users;
        this.numbers = numbers;
        this.wamids = wamids;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * A free-text message ({@code text}) or a button tap ({@code buttonPayload}); exactly one is set.
     * {@code profileName} overrides the user's profile name for this message.
     */
    public InboundMessage receive(WhatsAppUser user, String phoneNumberId, String profileName, String text,
                                  String buttonPayload, String buttonText, String contextWamid) {
        boolean phoneShown = users.phoneShown(user, phoneNumberId);
        String name = profileName != null ? profileName : UserService.profileName(user);
        InboundMessage message = new InboundMessage(phoneNumberId, phoneShown ? user.phone() : null,
                user.userId(numbers.wabaId(phoneNumberId)), user.username(), name, wamids.next(user.phone()),
                clock.instant(), text, buttonPayload, buttonText, contextWamid);
        window.open(new PairKey(phoneNumberId, user.key()));
        users.recordInbound(user, phoneNumberId);
        webhooks.emitInbound(message);
        Log.infof("User %s wrote to %s (%s, %s%s)", Bsuid.mask(message.userId()), phoneNumberId,
                message.isButton() ? "button" : "text", message.wamid(), phoneShown ? "" : ", phone withheld");
        return message;
    }
}
