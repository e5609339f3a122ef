package dev.safesend.consent.domain;

import java.util.Map;

/** A contact currently opted in for the asked category, with what a campaign needs to personalise a message. */
public record AudienceMember(String phone, String waId, String name, String language, String region, Map<String, String> attributes) {
}
