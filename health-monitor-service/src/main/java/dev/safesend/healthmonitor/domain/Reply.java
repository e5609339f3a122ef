package dev.safesend.healthmonitor.domain;

import java.time.Instant;

/** A user wrote to a business number: a reply to the message it quotes, or else to the last one delivered to it. */
public record Reply(String senderId, String address, String contextWamid, Instant at) {
}
