package dev.safesend.consent.rest;

import java.util.List;

/**
 * POST /v1/contacts/{phone}/consent.
 *
 * @param state      OPTED_IN (grant) or OPTED_OUT (revoke)
 * @param categories MARKETING, UTILITY, AUTHENTICATION (default: all three)
 * @param project    default: the configured default project
 */
public record ConsentChangeRequest(String project, String state, List<String> categories, EvidenceBody evidence) {
}
