package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.OutboundSend;

/**
 * A message waiting in a sender's lane on this instance.
 *
 * @param payload        the lane record's value as it was on Kafka (stored as is when deferred or dead-lettered)
 * @param attempts       Cloud API calls already made for it
 * @param lastDeferral   the reason it was last deferred for (so a re-check for the same reason emits no new event)
 * @param enqueuedNanos  when it reached the lane (System.nanoTime), for the token-wait metric
 */
public record QueuedSend(OutboundSend send, Lane lane, byte[] payload, int attempts, String lastDeferral, Settlement settlement,
                         long enqueuedNanos) {

    /** The two lanes of a sender; urgent is always served first. */
    public enum Lane {
        URGENT, BULK;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The campaign priority the bulk lane orders by (null outside a campaign). */
    public Integer priority() {
        return send.priority();
    }

    public QueuedSend retried() {
        return new QueuedSend(send, lane, payload, attempts + 1, lastDeferral, settlement, enqueuedNanos);
    }
}
