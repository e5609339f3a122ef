package dev.safesend.servicekit.identity;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A campaign message's id: a name-based (version 3) UUID of the campaign and the recipient's address, so a re-run of a
 * campaign's copy makes the same ids (docs/events.md). Every other message id is random (version 4) or follows from an
 * Idempotency-Key (version 5), so the version alone tells a campaign message without a lookup.
 */
public final class CampaignMessageIds {

    private CampaignMessageIds() {
    }

    /** The id of {@code campaignId}'s message to {@code address}. */
    public static String of(String campaignId, String address) {
        return UUID.nameUUIDFromBytes(("campaign:" + campaignId + ":" + address).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** True for an id {@link #of} could have made: a cheap test before looking a status up. */
    public static boolean isCampaignMessageId(String messageId) {
        if (messageId == null || messageId.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(messageId).version() == 3;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
