package dev.safesend.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The business phone numbers the simulator answers for. Any phone-number-id made of digits is
 * accepted; its display number, throughput and WABA come from configuration or sensible defaults.
 * A number belongs to the default WABA unless configured into another one.
 */
public final class BusinessNumbers {

    public static final String DEFAULT_WABA_ID = "100000000000001";

    private static final Pattern DIGITS = Pattern.compile("\\d{1,32}");

    private final String defaultWabaId;
    private final Map<String, String> wabaByNumber;
    private final List<String> wabaIds;
    private final Map<String, String> displayNumbers;
    private final Map<String, Integer> throughput;
    private final int defaultMps;

    /** Every number in the WABA {@value #DEFAULT_WABA_ID}. */
    public BusinessNumbers(Map<String, String> displayNumbers, Map<String, Integer> throughput, int defaultMps) {
        this(DEFAULT_WABA_ID, Map.of(), displayNumbers, throughput, defaultMps);
    }

    public BusinessNumbers(String defaultWabaId, Map<String, String> wabaByNumber, Map<String, String> displayNumbers,
                           Map<String, Integer> throughput, int defaultMps) {
        if (defaultMps < 1) {
            throw new IllegalArgumentException("default-mps must be at least 1");
        }
        throughput.forEach((id, mps) -> {
            if (mps == null || mps < 1) {
                throw new IllegalArgumentException("throughput for " + id + " must be at least 1");
            }
        });
        if (!isPhoneNumberId(defaultWabaId)) {
            throw new IllegalArgumentException("waba-id must be digits, got '" + defaultWabaId + "'");
        }
        wabaByNumber.forEach((id, waba) -> {
            if (!isPhoneNumberId(waba)) {
                throw new IllegalArgumentException("the WABA of " + id + " must be digits, got '" + waba + "'");
            }
        });
        this.defaultWabaId = defaultWabaId;
        this.wabaByNumber = Map.copyOf(wabaByNumber);
        List<String> ids = new ArrayList<>();
        ids.add(defaultWabaId);
        new TreeSet<>(wabaByNumber.values()).stream().filter(id -> !id.equals(defaultWabaId)).forEach(ids::add);
        this.wabaIds = List.copyOf(ids);
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

    /** The WABA (business portfolio) the number belongs to: {@code entry[].id} and the scope of BSUIDs. */
    public String wabaId(String phoneNumberId) {
        return wabaByNumber.getOrDefault(phoneNumberId, defaultWabaId);
    }

    public String defaultWabaId() {
        return defaultWabaId;
    }

    /** Every WABA the simulator knows: the default one first, then the configured others in order. */
    public List<String> wabaIds() {
        return wabaIds;
    }

    public boolean isWaba(String candidate) {
        return wabaIds.contains(candidate);
    }
}
