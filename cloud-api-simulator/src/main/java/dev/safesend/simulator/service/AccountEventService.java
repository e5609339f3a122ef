package dev.safesend.simulator.service;

import dev.safesend.simulator.webhook.WebhookEmitter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** Emits account-level webhooks (template status, quality, account_update, user_preferences, ...). */
@ApplicationScoped
public class AccountEventService {

    private final WebhookEmitter webhooks;

    public AccountEventService(WebhookEmitter webhooks) {
        this.webhooks = webhooks;
    }

    public void emit(String field, Object value) {
        webhooks.emitAccountChange(field, value);
        Log.infof("Account event %s queued", field);
    }
}
