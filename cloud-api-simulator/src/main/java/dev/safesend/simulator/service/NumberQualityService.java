package dev.safesend.simulator.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.safesend.simulator.config.SimulatorConfig;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.MessagingLimit;
import dev.safesend.simulator.domain.NumberQualities;
import dev.safesend.simulator.domain.NumberQuality;
import dev.safesend.simulator.domain.QualityChange;
import dev.safesend.simulator.domain.QualityRating;
import dev.safesend.simulator.webhook.WebhookEmitter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality rating and messaging limit of the business numbers: what Meta's phone-number read
 * answers, and the {@code phone_number_quality_update} and {@code business_capability_update}
 * webhooks a change brings.
 */
@ApplicationScoped
public class NumberQualityService {

    static final String QUALITY_FIELD = "phone_number_quality_update";
    static final String CAPABILITY_FIELD = "business_capability_update";

    /** Meta's throughput level of a number that does 1,000 messages per second or more. */
    private static final int HIGH_THROUGHPUT_MPS = 1000;

    private final NumberQualities qualities;
    private final BusinessNumbers numbers;
    private final WebhookEmitter webhooks;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    public NumberQualityService(SimulatorConfig config, BusinessNumbers numbers, WebhookEmitter webhooks) {
        this.qualities = new NumberQualities(new NumberQuality(config.quality().initialRating(),
                config.quality().initialMessagingLimit()));
        this.numbers = numbers;
        this.webhooks = webhooks;
    }

    /** The number as Meta's {@code GET /{phone-number-id}} describes it. */
    public PhoneNumberView view(String phoneNumberId) {
        int mps = numbers.messagesPerSecond(phoneNumberId);
        String display = numbers.displayNumber(phoneNumberId);
        return new PhoneNumberView(phoneNumberId, display, formatted(display), qualities.of(phoneNumberId),
                mps >= HIGH_THROUGHPUT_MPS ? "HIGH" : "STANDARD");
    }

    /**
     * Sets the rating and/or the messaging limit (null keeps it) and emits the webhooks Meta's legacy
     * model sends: FLAGGED / UNFLAGGED / DOWNGRADE / UPGRADE as {@code phone_number_quality_update}, and
     * a {@code business_capability_update} with the new limit when it changed.
     */
    public Update update(String phoneNumberId, QualityRating rating, MessagingLimit limit) {
        QualityChange change = qualities.update(phoneNumberId, rating, limit);
        String waba = numbers.wabaId(phoneNumberId);
        List<QualityChange.QualityEvent> events = change.events();
        for (QualityChange.QualityEvent event : events) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("display_phone_number", numbers.displayNumber(phoneNumberId));
            value.put("event", event.event());
            if (event.oldLimit() != null) {
                value.put("old_limit", event.oldLimit().name());
            }
            value.put("current_limit", event.currentLimit().name());
            value.put("max_daily_conversations_per_business", event.currentLimit().name());
            webhooks.emitAccountChange(waba, QUALITY_FIELD, value);
        }
        change.limitChange().ifPresent(limitChange -> webhooks.emitAccountChange(waba, CAPABILITY_FIELD,
                Map.of("max_daily_conversations_per_business", limitChange.currentLimit().name())));
        Log.infof("Number %s quality %s/%s -> %s/%s (%s)", phoneNumberId, change.before().rating(),
                change.before().messagingLimit(), change.after().rating(), change.after().messagingLimit(),
                events.isEmpty() ? "no event" : events.stream().map(QualityChange.QualityEvent::event).toList());
        return new Update(view(phoneNumberId), events.stream().map(QualityChange.QualityEvent::event).toList(),
                change.limitChange().isPresent());
    }

    /** Every number back to the configured initial quality, without webhooks. */
    public void reset() {
        qualities.reset();
    }

    /** "+1 555-078-3881" for 15550783881, as Meta's phone-number read shows it; "+digits" when libphonenumber cannot. */
    private String formatted(String displayDigits) {
        try {
            return phones.format(phones.parse("+" + displayDigits, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return "+" + displayDigits;
        }
    }

    /**
     * A business number: {@code display} as webhooks carry it (digits), {@code formattedDisplay} as the
     * Graph read does, its quality and Meta's throughput level (STANDARD or HIGH).
     */
    public record PhoneNumberView(String id, String display, String formattedDisplay, NumberQuality quality,
                                  String throughputLevel) {
    }

    /** A number after an update, the {@code phone_number_quality_update} events emitted, and whether the limit changed. */
    public record Update(PhoneNumberView number, List<String> events, boolean capabilityUpdated) {
    }
}
