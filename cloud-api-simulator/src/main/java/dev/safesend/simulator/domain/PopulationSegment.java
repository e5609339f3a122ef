package dev.safesend.simulator.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A range of recipients and the share of them in each behaviour class. Each share is 0..1 and
 * together at most 1; the rest of the range follows the default lifecycle.
 *
 * <p>A recipient's class is fixed, not drawn per message: {@link #roll(String)} maps the segment and
 * the phone to a number in [0, 1), and the shares are laid out in the order read, reply, ignore,
 * stop, block from 0. A roll below {@code read} reads, below {@code read + reply} replies, and so on;
 * a roll at or above the sum of the shares is {@link RecipientBehaviour#DEFAULT}.
 */
public record PopulationSegment(RecipientRange range, double read, double reply, double ignore, double stop,
                                double block) {

    /** Sums within this of 1 are taken as 1 (0.1 + 0.2 + 0.7 is not exactly 1 in binary). */
    private static final double TOLERANCE = 1e-9;
    private static final double TWO_TO_THE_53 = 0x1.0p53;

    public PopulationSegment {
        if (range == null) {
            throw new IllegalArgumentException("a segment needs a recipient range");
        }
        requireShare("read", read);
        requireShare("reply", reply);
        requireShare("ignore", ignore);
        requireShare("stop", stop);
        requireShare("block", block);
        if (read + reply + ignore + stop + block > 1 + TOLERANCE) {
            throw new IllegalArgumentException("read + reply + ignore + stop + block must not exceed 1, got "
                    + (read + reply + ignore + stop + block));
        }
    }

    public boolean contains(String phoneDigits) {
        return range.contains(phoneDigits);
    }

    /**
     * The recipient's fixed number in [0, 1): the first 8 bytes of SHA-256 of the UTF-8 text
     * {@code "<range key>|<phone digits>"} (range key {@code "<from>-<to>"} or {@code "<prefix>*"}),
     * read as an unsigned big-endian integer, shifted right by 11 bits and divided by 2^53.
     */
    public double roll(String phoneDigits) {
        byte[] digest = sha256(range.key() + "|" + phoneDigits);
        long bits = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong() >>> 11;
        return bits / TWO_TO_THE_53;
    }

    /** The class of a recipient whose roll is {@code roll}. */
    public RecipientBehaviour behaviourAt(double roll) {
        double edge = read;
        if (roll < edge) {
            return RecipientBehaviour.READ;
        }
        edge += reply;
        if (roll < edge) {
            return RecipientBehaviour.REPLY;
        }
        edge += ignore;
        if (roll < edge) {
            return RecipientBehaviour.IGNORE;
        }
        edge += stop;
        if (roll < edge) {
            return RecipientBehaviour.STOP;
        }
        edge += block;
        if (roll < edge) {
            return RecipientBehaviour.BLOCK;
        }
        return RecipientBehaviour.DEFAULT;
    }

    /** The class of the phone (digits), which must be in the range. */
    public RecipientBehaviour behaviourOf(String phoneDigits) {
        return behaviourAt(roll(phoneDigits));
    }

    private static void requireShare(String name, double share) {
        if (Double.isNaN(share) || share < 0 || share > 1) {
            throw new IllegalArgumentException("'" + name + "' must be between 0 and 1, got " + share);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
