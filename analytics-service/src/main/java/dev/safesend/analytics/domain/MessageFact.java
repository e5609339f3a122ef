package dev.safesend.analytics.domain;

import dev.safesend.servicekit.identity.CampaignMessageIds;

import java.time.Instant;

/**
 * What one message event says about a campaign message: ACCEPTED names its campaign, project and recipient; dispatch's
 * SUBMITTED its wamid; DELIVERED or READ (which implies delivery) when it was delivered at the latest; a status may name
 * the user's BSUID ({@code recipientUserId}). Facts of one message merge: the first value of each field stays, the
 * earliest delivery time wins.
 */
public record MessageFact(String messageId, String campaignId, String project, String recipient, String recipientUserId,
                          String senderId, String wamid, Instant deliveredAt) {

    /** This fact and a later one of the same message, as the store merges them. */
    public MessageFact merge(MessageFact o) {
        return new MessageFact(messageId, first(campaignId, o.campaignId), first(project, o.project), first(recipient, o.recipient),
                first(recipientUserId, o.recipientUserId), first(senderId, o.senderId), first(wamid, o.wamid),
                deliveredAt == null ? o.deliveredAt : o.deliveredAt == null || deliveredAt.isBefore(o.deliveredAt) ? deliveredAt : o.deliveredAt);
    }

    /**
     * Only campaign messages can be touchpoints: their ids are name-based (version 3) UUIDs of the campaign and the address
     * (docs/events.md); every other message's events are skipped without touching the database.
     */
    public static boolean isCampaignMessageId(String messageId) {
        return CampaignMessageIds.isCampaignMessageId(messageId);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
