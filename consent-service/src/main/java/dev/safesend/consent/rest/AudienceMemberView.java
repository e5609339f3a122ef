package dev.safesend.consent.rest;

import java.util.Map;

/** One contact of an audience. */
public record AudienceMemberView(String phone, String waId, String name, String language, String region, Map<String, String> attributes) {
}
