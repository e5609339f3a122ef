package dev.safesend.ingest.domain;

import java.util.List;

/** Everything one webhook POST carried, normalised. */
public record WebhookBatch(List<StatusUpdate> statuses, List<InboundMessage> inbound, List<AccountSignal> accountSignals) {

    public WebhookBatch {
        statuses = List.copyOf(statuses);
        inbound = List.copyOf(inbound);
        accountSignals = List.copyOf(accountSignals);
    }

    public int size() {
        return statuses.size() + inbound.size() + accountSignals.size();
    }
}
