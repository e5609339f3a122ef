package dev.safesend.analytics.service;

import dev.safesend.analytics.config.AttributionConfig;
import dev.safesend.analytics.domain.ConsentSignal;
import dev.safesend.analytics.domain.ContactLink;
import dev.safesend.analytics.domain.InboundReply;
import dev.safesend.analytics.domain.ReplyAttribution;
import dev.safesend.analytics.domain.Touch;
import dev.safesend.analytics.repository.AttributionRepository;
import dev.safesend.analytics.repository.AttributionRepository.Attributed;
import dev.safesend.analytics.repository.TouchpointRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replies (wa.inbound-messages.v1) and opt-outs (wa.consent-changes.v1) credited to the campaign message they answer
 * ({@link ReplyAttribution}): per batch one read of the quoted wamids, one of the contacts' touchpoints in the window,
 * one write.
 */
@ApplicationScoped
public class ReplyService {

    private final TouchpointRepository touchpoints;
    private final AttributionRepository attribution;
    private final Duration window;

    public ReplyService(TouchpointRepository touchpoints, AttributionRepository attribution, AttributionConfig config) {
        this.touchpoints = touchpoints;
        this.attribution = attribution;
        this.window = config.replyWindow();
    }

    /** @return how many replies were new */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, retryOn = StoreUnavailableException.class)
    public int onReplies(List<InboundReply> replies) {
        if (replies.isEmpty()) {
            return 0;
        }
        touchpoints.link(replies.stream().map(r -> ContactLink.ofPair(r.address(), r.userId())).filter(Objects::nonNull).toList(), false);
        Map<String, String> keys = touchpoints.keys(replies.stream().map(InboundReply::address).collect(Collectors.toSet()));
        Map<String, Touch> quoted = touchpoints.byWamid(replies.stream().map(InboundReply::contextWamid).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        Map<String, List<Touch>> touches = touchesAround(Set.copyOf(keys.values()), null,
                replies.stream().map(InboundReply::receivedAt).toList());
        List<Attributed> rows = new ArrayList<>();
        for (InboundReply r : replies) {
            String contact = keys.get(r.address());
            Touch q = r.contextWamid() == null ? null : quoted.get(r.contextWamid());
            ReplyAttribution.Result result = ReplyAttribution.attribute(r.receivedAt(), q, touches.getOrDefault(contact, List.of()), window);
            rows.add(new Attributed(r.eventId(), contact, result.touch() == null ? null : result.touch().project(), r.receivedAt(), result));
        }
        return attribution.replies(rows);
    }

    /**
     * Learns consent-service's links (its key for every address of the contact) and credits each opt-out to the
     * contact's last campaign message of the same project delivered within the window before it.
     * @return how many opt-outs were new
     */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, retryOn = StoreUnavailableException.class)
    public int onConsentChanges(List<ConsentSignal> signals) {
        List<ContactLink> links = new ArrayList<>();
        signals.forEach(s -> s.addresses().forEach(a -> links.add(new ContactLink(a, s.contactKey()))));
        touchpoints.link(links, true);
        List<ConsentSignal> optOuts = signals.stream().filter(ConsentSignal::optedOut).toList();
        if (optOuts.isEmpty()) {
            return 0;
        }
        List<Attributed> rows = new ArrayList<>();
        Map<String, List<ConsentSignal>> byProject = optOuts.stream().collect(Collectors.groupingBy(ConsentSignal::project));
        for (Map.Entry<String, List<ConsentSignal>> p : byProject.entrySet()) {
            Map<String, List<Touch>> touches = touchesAround(p.getValue().stream().map(ConsentSignal::contactKey).collect(Collectors.toSet()),
                    p.getKey(), p.getValue().stream().map(ConsentSignal::at).toList());
            for (ConsentSignal s : p.getValue()) {
                rows.add(new Attributed(s.eventId(), s.contactKey(), s.project(), s.at(),
                        ReplyAttribution.attribute(s.at(), null, touches.getOrDefault(s.contactKey(), List.of()), window)));
            }
        }
        return attribution.optOuts(rows);
    }

    private Map<String, List<Touch>> touchesAround(Set<String> contacts, String project, List<Instant> times) {
        if (contacts.isEmpty()) {
            return new HashMap<>();
        }
        Instant first = times.stream().min(Comparator.naturalOrder()).orElseThrow();
        Instant last = times.stream().max(Comparator.naturalOrder()).orElseThrow();
        return touchpoints.touchesOf(contacts, project, first.minus(window), last);
    }
}
