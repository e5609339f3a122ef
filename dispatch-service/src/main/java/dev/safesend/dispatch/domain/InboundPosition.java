package dev.safesend.dispatch.domain;

/** Where a person's latest inbound message sits on wa.inbound-messages.v1. */
public record InboundPosition(int partition, long offset) {
}
