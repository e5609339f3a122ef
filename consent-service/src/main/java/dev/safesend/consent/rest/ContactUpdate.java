package dev.safesend.consent.rest;

import java.util.List;
import java.util.Map;

/** PUT /v1/contacts/{phone}: fields left out keep their value; tags and attributes replace when given. */
public record ContactUpdate(String waId, String name, String language, String project, List<String> tags,
                            Map<String, String> attributes) {
}
