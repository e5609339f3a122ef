package dev.safesend.analytics.service;

import dev.safesend.analytics.domain.ContactLink;
import dev.safesend.analytics.domain.MessageFact;
import dev.safesend.analytics.repository.TouchpointRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaign touchpoints from wa.message-events.v1: a batch's facts merged per message and written in one statement, and
 * the phone/BSUID pairs its statuses name linked. Idempotent: merging the same fact again changes nothing.
 */
@ApplicationScoped
public class TouchpointService {

    private final TouchpointRepository touchpoints;

    public TouchpointService(TouchpointRepository touchpoints) {
        this.touchpoints = touchpoints;
    }

    /** @return how many campaign messages the batch touched */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, retryOn = StoreUnavailableException.class)
    public int record(List<MessageFact> facts, List<ContactLink> links) {
        Map<String, MessageFact> merged = new LinkedHashMap<>();
        for (MessageFact f : facts) {
            merged.merge(f.messageId(), f, MessageFact::merge);
        }
        touchpoints.link(new ArrayList<>(links), false);
        touchpoints.upsert(merged.values());
        return merged.size();
    }
}
