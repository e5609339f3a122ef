package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.service.ReconcileService;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.common.annotation.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads Meta's statuses from {@code wa.message-events.v1} to reconcile sends whose answer dispatch never saw. */
@ApplicationScoped
public class StatusWebhookConsumer {

    private final ReconcileService reconcile;

    public StatusWebhookConsumer(ReconcileService reconcile) {
        this.reconcile = reconcile;
    }

    @Incoming("message-events-in")
    @Blocking
    public void onMessageStatusChanged(MessageStatusChanged event) {
        if (event == null || event.getSource() != EventSource.WEBHOOK) {
            return;
        }
        reconcile.onWebhookStatus(event.getMessageId(), event.getWamid(), event.getStatus().name(), event.getErrorCode(),
                event.getStatusAt());
    }
}
