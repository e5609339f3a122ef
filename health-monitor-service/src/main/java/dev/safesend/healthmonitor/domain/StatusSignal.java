package dev.safesend.healthmonitor.domain;

import java.time.Instant;

/**
 * One message event as health-monitor reads it. ACCEPTED carries the message's facts (project, category, campaign,
 * template, recipient); statuses carry the sender and, from webhooks, the wamid.
 *
 * @param fromDispatch true for an event dispatch wrote (its FAILED is a refused Cloud API call), false for ingest's
 *                     and for webhook statuses
 */
public record StatusSignal(String messageId, String status, boolean fromDispatch, Instant at, String senderId,
                           String project, String category, String campaignId, String template, String recipient,
                           String wamid, Integer errorCode) {
}
