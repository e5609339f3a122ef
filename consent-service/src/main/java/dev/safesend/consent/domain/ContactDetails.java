package dev.safesend.consent.domain;

import java.util.List;
import java.util.Map;

/** What a caller may set on a contact (null leaves a field as it is; tags and attributes replace when given). */
public record ContactDetails(String waId, String name, String language, String project, List<String> tags,
                             Map<String, String> attributes) {
}
