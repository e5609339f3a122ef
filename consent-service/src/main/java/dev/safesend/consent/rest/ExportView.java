package dev.safesend.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** GET /v1/contacts/{phone}/export: everything consent-service holds about a number (GDPR access). */
public record ExportView(String phone, Instant exportedAt, ContactView contact, Map<String, Map<String, String>> consent,
                         List<LedgerEntryView> history, boolean suppressed, Instant erasedAt) {
}
