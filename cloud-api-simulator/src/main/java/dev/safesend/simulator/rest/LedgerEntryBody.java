package dev.safesend.simulator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safesend.simulator.domain.LedgerEntry;

/**
 * One accepted message: {@code to} (the phone as written) for a phone send, {@code recipient} (the
 * BSUID) for a BSUID send, the other null; {@code failedCode} only when it failed after acceptance.
 */
public record LedgerEntryBody(String wamid, String phoneNumberId, String to, String recipient, String type,
                              String templateName, String callbackData, String acceptedAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer failedCode) {

    static LedgerEntryBody of(LedgerEntry entry) {
        return new LedgerEntryBody(entry.wamid(), entry.phoneNumberId(), entry.to(), entry.recipient(), entry.type(),
                entry.templateName(), entry.callbackData(), entry.acceptedAt().toString(), entry.failedCode());
    }
}
