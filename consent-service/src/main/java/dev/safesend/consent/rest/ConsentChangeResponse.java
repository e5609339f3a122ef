package dev.safesend.consent.rest;

import java.util.Map;

/** What a grant or revoke did per category (APPLY, UNCHANGED, REJECTED_…), and the contact's version after it. */
public record ConsentChangeResponse(String phone, String project, boolean changed, long version, Map<String, String> decisions,
                                    Map<String, Map<String, String>> consent) {
}
