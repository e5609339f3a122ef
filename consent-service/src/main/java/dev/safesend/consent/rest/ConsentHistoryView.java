package dev.safesend.consent.rest;

import java.util.List;
import java.util.Map;

/** GET /v1/contacts/{phone}/consent: the current state and the full append-only history. */
public record ConsentHistoryView(String phone, Map<String, Map<String, String>> current, List<LedgerEntryView> history) {
}
