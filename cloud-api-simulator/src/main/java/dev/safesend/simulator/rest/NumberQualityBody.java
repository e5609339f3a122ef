package dev.safesend.simulator.rest;

import dev.safesend.simulator.service.NumberQualityService;

import java.util.List;

/**
 * A business number's simulated quality: rating, messaging limit, throughput level, and the
 * {@code phone_number_quality_update} events the last PUT emitted ({@code businessCapabilityUpdate}:
 * whether it also emitted a {@code business_capability_update}); a GET lists no events.
 */
public record NumberQualityBody(String phoneNumberId, String displayPhoneNumber, String rating, String messagingLimit,
                                String throughputLevel, List<String> events, boolean businessCapabilityUpdate) {

    static NumberQualityBody of(NumberQualityService.PhoneNumberView number, List<String> events, boolean capability) {
        return new NumberQualityBody(number.id(), number.display(), number.quality().rating().name(),
                number.quality().messagingLimit().name(), number.throughputLevel(), events, capability);
    }
}
