package dev.safesend.simulator.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique WhatsApp message ids shaped like Meta's: "wamid." + base64 of a binary-looking blob that
 * carries the user's number (at most 128 characters in all).
 */
public final class WamidSequence {

    private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL);
    private final AtomicLong counter = new AtomicLong();

    public String next(String waId) {
        String blob = "HBgM" + waId + "FQIAERgS" + run + String.format("%012X", counter.incrementAndGet());
        return "wamid." + Base64.getEncoder().encodeToString(blob.getBytes(StandardCharsets.US_ASCII));
    }
}
