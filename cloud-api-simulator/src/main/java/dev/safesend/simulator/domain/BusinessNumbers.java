package dev.safesend.simulator.domain;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The business phone numbers the simulator answers for. Any phone-number-id made of digits is
 * accepted; its display number and throughput come from configuration or sensible defaults.
 */
public final class BusinessNumbers {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,32}");

    private final Map<String, String> displayNumbers;
    private final Map<String, Integer> throughput;
    private final int defaultMps;

    public BusinessNumbers(Map<String, String> displayNumbers, Map<String, Integer> throughput, int defaultMps) {
        if (defaultMps < 1) {
            throw new IllegalArgumentException("default-mps must be at least 1");
        }
        throughput.forEach((id, mps) -> {
            if (mps == null || mps < 1) {
                throw new IllegalArgumentException("throughput for " + id + " must be at least 1");
            }
        });
        this.displayNumbers = Map.copyOf(displayNumbers);
        this.throughput = Map.copyOf(throughput);
        this.defaultMps = defaultMps;
    }

    public static boolean isPhoneNumberId(String candidate) {
        return candidate != null && DIGITS.matcher(candidate).matches();
    }

    /** Configured display number, else "1555" followed by the id's last 7 digits. */
    public String displayNumber(String phoneNumberId) {
        String configured = displayNumbers.get(phoneNumberId);
        if (configured != null) {
            return configured.startsWith("+") ? configured.substring(1) : configured;
        }
        String padded = "0000000" + phoneNumberId;
        return "1555" + padded.substring(padded.length() - 7);
    }

    public int messagesPerSecond(String phoneNumberId) {
        return throughput.getOrDefault(phoneNumberId, defaultMps);
    }
}
