package dev.safesend.analytics.service;

import dev.safesend.analytics.domain.Conversion;

import java.util.concurrent.CompletableFuture;

/** Publishes a reported conversion on wa.conversions.v1 (key: the contact address); implemented in messaging. */
public interface ConversionEvents {

    /** Completes when Kafka has acknowledged it. */
    CompletableFuture<Void> recorded(Conversion conversion);
}
