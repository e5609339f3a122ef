package dev.safesend.consent.domain;

import java.time.Instant;

/**
 * Why a consent change is legitimate: its source, when the person agreed or asked (the evidence's own time, not when
 * we recorded it) and free-text proof (a form id and IP, an import line, the wamid of a STOP message).
 */
public record Evidence(ConsentSource source, Instant at, String proof) {

    public Evidence {
        if (source == null || at == null) {
            throw new IllegalArgumentException("evidence needs a source and a time");
        }
        proof = proof == null || proof.isBlank() ? null : proof.strip();
    }
}
