package dev.safesend.analytics.domain;

import dev.safesend.servicekit.identity.Bsuid;
import dev.safesend.servicekit.identity.PhoneNumbers;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * What a reported conversion must satisfy, and its id. The contact is an address (an E.164 phone, normalised, or a
 * BSUID); the type is required; a value is zero or more; a currency is an ISO 4217 code; it cannot have happened more
 * than {@link #FUTURE_SKEW} in the future. The id is a name-based UUID of the project and the caller's
 * {@code Idempotency-Key} (else the reference) when one is given, so a POST retried with either is the same conversion
 * (consumers keep one per id); without either every POST is a new conversion.
 */
public final class ConversionRules {

    /** Clocks disagree: a conversion up to this far ahead of ours is taken as now-ish, not refused. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    static final int MAX_TYPE = 64;
    static final int MAX_SOURCE = 64;
    static final int MAX_REFERENCE = 128;
    static final int MAX_KEY = 255;

    /** A conversion as the API receives it (nulls for absent fields). */
    public record Request(String project, String contact, String type, BigDecimal value, String currency, Instant occurredAt,
                          String source, String reference, String idempotencyKey) {
    }

    private ConversionRules() {
    }

    /** Every problem of the request, in field order; empty when it can be recorded. */
    public static List<Violation> check(Request r, Instant now) {
        List<Violation> v = new ArrayList<>();
        if (r.contact() == null || r.contact().isBlank()) {
            v.add(new Violation("contact", "required", "the contact's address (an E.164 phone or a BSUID) is required"));
        } else if (normalisedContact(r.contact()) == null) {
            v.add(new Violation("contact", "invalid_contact", "'" + r.contact().strip() + "' is neither an E.164 phone (+<country code><number>) nor a BSUID"));
        }
        if (r.type() == null || r.type().isBlank()) {
            v.add(new Violation("type", "required", "the conversion type (e.g. purchase, demo_booked) is required"));
        } else if (r.type().strip().length() > MAX_TYPE) {
            v.add(new Violation("type", "too_long", "at most " + MAX_TYPE + " characters"));
        }
        if (r.value() != null && r.value().signum() < 0) {
            v.add(new Violation("value", "out_of_range", "a conversion's value is zero or more"));
        } else if (r.value() != null && r.value().abs().compareTo(new BigDecimal("100000000000000")) >= 0) {
            v.add(new Violation("value", "out_of_range", "a conversion's value is below 10^14"));
        }
        if (r.currency() != null && !isCurrency(r.currency())) {
            v.add(new Violation("currency", "invalid_currency", "'" + r.currency() + "' is not an ISO 4217 currency code (e.g. USD)"));
        }
        if (r.occurredAt() != null && r.occurredAt().isAfter(now.plus(FUTURE_SKEW))) {
            v.add(new Violation("occurredAt", "in_future", "a conversion cannot have happened after now (" + now + ")"));
        }
        if (r.source() != null && r.source().length() > MAX_SOURCE) {
            v.add(new Violation("source", "too_long", "at most " + MAX_SOURCE + " characters"));
        }
        if (r.reference() != null && (r.reference().isBlank() || r.reference().length() > MAX_REFERENCE)) {
            v.add(new Violation("reference", r.reference().isBlank() ? "blank" : "too_long", "1 to " + MAX_REFERENCE + " characters"));
        }
        if (r.idempotencyKey() != null && (r.idempotencyKey().isBlank() || r.idempotencyKey().length() > MAX_KEY)) {
            v.add(new Violation("Idempotency-Key", "invalid", "1 to " + MAX_KEY + " characters"));
        }
        return v;
    }

    /** The conversion a valid request records, with its id. */
    public static Conversion toConversion(Request r, Instant now) {
        return new Conversion(id(r), r.project(), normalisedContact(r.contact()), r.type().strip(), r.value(),
                r.currency() == null ? null : r.currency().toUpperCase(java.util.Locale.ROOT), r.reference(), r.source(),
                r.occurredAt() == null ? now : r.occurredAt());
    }

    static String id(Request r) {
        String key = r.idempotencyKey() != null ? "key:" + r.idempotencyKey() : r.reference() != null ? "reference:" + r.reference() : null;
        return key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("conversion:" + r.project() + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The address as the platform writes it (E.164, or the BSUID as given), or null when it is neither. */
    public static String normalisedContact(String contact) {
        if (contact == null) {
            return null;
        }
        String c = contact.strip();
        if (Bsuid.isBsuid(c)) {
            return c;
        }
        return PhoneNumbers.toE164(c).orElse(null);
    }

    private static boolean isCurrency(String code) {
        if (code.length() != 3) {
            return false;
        }
        try {
            Currency.getInstance(code.toUpperCase(java.util.Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
