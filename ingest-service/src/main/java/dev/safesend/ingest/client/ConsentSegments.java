package dev.safesend.ingest.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * consent-service's segments as ingest uses them: with ingest's own token, an unknown segment as empty, and any other
 * failure as {@link UnavailableException}.
 */
@ApplicationScoped
public class ConsentSegments {

    private final ConsentClient consent;
    private final ServiceToken token;

    public ConsentSegments(@RestClient ConsentClient consent, ServiceToken token) {
        this.consent = consent;
        this.token = token;
    }

    /** The segment's counts for a category, or empty when consent-service has no such segment. */
    public Optional<ConsentClient.SegmentCounts> counts(String segmentId, String category) {
        return call(() -> consent.counts(segmentId, category, token.authorization()));
    }

    /** A page of the segment's members opted in for the category, after {@code cursor}; empty for an unknown segment. */
    public Optional<ConsentClient.AudiencePage> audience(String segmentId, String category, String cursor, int limit) {
        return call(() -> consent.audience(segmentId, category, cursor, limit, token.authorization()));
    }

    private static <T> Optional<T> call(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw new UnavailableException("consent-service answered " + e.getResponse().getStatus(), e);
        } catch (RuntimeException e) {
            throw new UnavailableException("consent-service did not answer: " + e.getMessage(), e);
        }
    }
}
