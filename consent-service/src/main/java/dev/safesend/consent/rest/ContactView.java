package dev.safesend.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact and its current consent per project and category. {@code phone} is the contact key (the phone or BSUID the
 * contact was first known by); {@code e164}, {@code userId}, {@code parentUserId} and {@code username} what Meta told of
 * the person; {@code addresses} every phone and BSUID linked to the contact (each finds it on this API).
 */
public record ContactView(String phone, String waId, String name, String language, String region, String project,
                          List<String> tags, Map<String, String> attributes, Instant createdAt, Instant updatedAt,
                          Instant lastInboundAt, Instant lastContactedAt, long version,
                          Map<String, Map<String, String>> consent, String e164, String userId, String parentUserId,
                          String username, List<String> addresses) {
}
