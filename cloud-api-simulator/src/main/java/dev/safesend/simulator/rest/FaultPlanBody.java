package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.FaultPlan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fault plan as JSON. Omitted fields take their defaults (rates 0, timeoutMs 10000,
 * addedLatencyMs 0, no recipient errors); recipient {@code mode} is "sync" (default) or "async".
 */
public record FaultPlanBody(Double serverErrorRate, Double timeoutRate, Long timeoutMs, Long addedLatencyMs,
                            Map<String, RecipientFaultBody> errorCodeByRecipient) {

    public record RecipientFaultBody(Integer code, String mode) {
    }

    static FaultPlanBody of(FaultPlan plan) {
        Map<String, RecipientFaultBody> recipients = new LinkedHashMap<>();
        plan.errorByRecipient().forEach((waId, fault) -> recipients.put("+" + waId,
                new RecipientFaultBody(fault.code(), fault.mode().name().toLowerCase(Locale.ROOT))));
        return new FaultPlanBody(plan.serverErrorRate(), plan.timeoutRate(), plan.timeout().toMillis(),
                plan.addedLatency().toMillis(), recipients);
    }

    FaultPlan toPlan() {
        Map<String, FaultPlan.RecipientFault> recipients = new LinkedHashMap<>();
        if (errorCodeByRecipient != null) {
            errorCodeByRecipient.forEach((to, fault) -> {
                if (fault == null || fault.code() == null) {
                    throw new IllegalArgumentException("errorCodeByRecipient." + to + ".code is required");
                }
                recipients.put(to, new FaultPlan.RecipientFault(fault.code(), mode(fault.mode())));
            });
        }
        return new FaultPlan(orZero(serverErrorRate), orZero(timeoutRate),
                timeoutMs == null ? FaultPlan.DEFAULT_TIMEOUT : Duration.ofMillis(timeoutMs),
                addedLatencyMs == null ? Duration.ZERO : Duration.ofMillis(addedLatencyMs), recipients);
    }

    private static FaultPlan.RecipientFault.Mode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return FaultPlan.RecipientFault.Mode.SYNC;
        }
        try {
            return FaultPlan.RecipientFault.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be 'sync' or 'async', got '" + mode + "'", e);
        }
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
