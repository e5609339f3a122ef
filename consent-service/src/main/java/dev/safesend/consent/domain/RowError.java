package dev.safesend.consent.domain;

/** Why one line of an import was not imported. The phone is masked: reports are not a place for personal data. */
public record RowError(long line, String maskedPhone, String code, String message) {
}
