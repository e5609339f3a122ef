package dev.safesend.ingest.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/**
 * dispatch-service's judgement of its per-person marketing rules (the 30-day identical-content rule and the marketing
 * frequency cap) on up to 5,000 recipients with the digest of what each would receive, at a given instant.
 */
@RegisterRestClient(configKey = "dispatch")
@Path("/v1/recipients:marketing-history")
public interface MarketingHistoryClient {

    /** The most items dispatch judges in one request. */
    int MAX_ITEMS = 5_000;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Answer judge(Query query, @HeaderParam("Authorization") String authorization);

    record Query(Instant at, List<Item> items) {
    }

    record Item(String recipient, String contentHash) {
    }

    /** @param items only the recipients the rules stop, by their index in the query */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(Instant at, int evaluated, List<Verdict> items) {
    }

    /** @param outcome SUPPRESSED or DEFERRED; {@code until} set for DEFERRED */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Verdict(int index, String recipient, String outcome, String reason, Instant until) {
    }
}
