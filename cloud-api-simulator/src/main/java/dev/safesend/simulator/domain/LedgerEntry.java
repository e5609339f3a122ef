package dev.safesend.simulator.domain;

import java.time.Instant;

/**
 * One accepted message. Addressed by phone, {@code to} is what the caller wrote and {@code recipient}
 * is null; addressed by BSUID, {@code recipient} is the BSUID and {@code to} is null. {@code waId} is
 * the phone the message reached (null for a BSUID of nobody), {@code personKey} the person it reached
 * (see {@link WhatsAppUser#key()}). {@code failedCode} is set when it was accepted but then failed
 * asynchronously (131047 outside the window, 131050, 131026, or an injected asynchronous error).
 */
public record LedgerEntry(String wamid, String phoneNumberId, String to, String recipient, String waId,
                          String personKey, String type, String templateName, String callbackData, Instant acceptedAt,
                          Integer failedCode) {

    /** A message addressed by phone to the first owner of {@code waId}. */
    public LedgerEntry(String wamid, String phoneNumberId, String to, String waId, String type, String templateName,
                       String callbackData, Instant acceptedAt, Integer failedCode) {
        this(wamid, phoneNumberId, to, null, waId, waId, type, templateName, callbackData, acceptedAt, failedCode);
    }
}
