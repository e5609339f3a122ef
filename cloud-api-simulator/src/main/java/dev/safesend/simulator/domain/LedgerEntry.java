package dev.safesend.simulator.domain;

import java.time.Instant;

/**
 * One accepted message. {@code failedCode} is set when it was accepted but then failed
 * asynchronously (131047 outside the window, or an injected asynchronous error).
 */
public record LedgerEntry(String wamid, String phoneNumberId, String to, String waId, String type, String templateName,
                          String callbackData, Instant acceptedAt, Integer failedCode) {
}
