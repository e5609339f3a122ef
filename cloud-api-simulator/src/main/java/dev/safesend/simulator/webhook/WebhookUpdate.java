package dev.safesend.simulator.webhook;

import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.NumberChangeNotice;
import dev.safesend.simulator.domain.StatusUpdate;
import dev.safesend.simulator.domain.UserPreferenceChange;

import java.time.Instant;

/** One update to report; statuses of the same business number that fall due together share a POST. */
sealed interface WebhookUpdate permits WebhookUpdate.Status, WebhookUpdate.Inbound, WebhookUpdate.NumberChange,
        WebhookUpdate.Preference, WebhookUpdate.AccountChange {

    /** Updates with the same non-null key may be batched into one change; null = alone. */
    String batchKey();

    record Status(StatusUpdate status) implements WebhookUpdate {
        @Override
        public String batchKey() {
            return "statuses:" + status.phoneNumberId();
        }
    }

    record Inbound(InboundMessage message) implements WebhookUpdate {
        @Override
        public String batchKey() {
            return null;
        }
    }

    /** A {@code system} message telling one business number that a user changed number. */
    record NumberChange(NumberChangeNotice notice) implements WebhookUpdate {
        @Override
        public String batchKey() {
            return null;
        }
    }

    /** A {@code user_preferences} change (marketing messages stopped or resumed). */
    record Preference(UserPreferenceChange change) implements WebhookUpdate {
        @Override
        public String batchKey() {
            return null;
        }
    }

    /**
     * An account-level change: {@code value} is the caller's JSON object, passed through as is;
     * {@code wabaId} is {@code entry[].id}, null for the default WABA.
     */
    record AccountChange(String wabaId, String field, Object value, Instant at) implements WebhookUpdate {
        @Override
        public String batchKey() {
            return null;
        }
    }
}
