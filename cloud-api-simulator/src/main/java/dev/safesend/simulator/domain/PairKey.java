package dev.safesend.simulator.domain;

/** One business phone number and one WhatsApp user: the unit of the pair limit and the 24 h window. */
public record PairKey(String phoneNumberId, String waId) {
}
