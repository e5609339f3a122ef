package dev.safesend.ingest.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;

/** dispatch-service's view of a sender's limits: its rate, health throttle and the portfolio's rolling (24 h) budget. */
@RegisterRestClient(configKey = "dispatch")
@Path("/v1/senders/{id}")
public interface DispatchClient {

    @GET
    @Path("/quota")
    @Produces(MediaType.APPLICATION_JSON)
    Quota quota(@PathParam("id") String senderId, @HeaderParam("Authorization") String authorization);

    /** The sender as the registry has it: here only its quiet hours (HH:mm, recipient's local time). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Sender sender(@PathParam("id") String senderId, @HeaderParam("Authorization") String authorization);

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Sender(String senderId, String quietHoursStart, String quietHoursEnd) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Quota(String senderId, String state, int messagesPerSecond, String portfolioId, Long portfolioDailyUniqueLimit,
                 Budget budget, Health health) {
    }

    /**
     * @param usedLast24h unique recipients counted in the window
     * @param freesAt     when the oldest of them leaves the window (null: none counted)
     * @param window      the window, ISO-8601 (PT24H at Meta; null from a dispatch that did not say: 24 h)
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Budget(long usedLast24h, Long limit, Long left, Instant freesAt, String window) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Health(String state, double throttleFactor) {
    }
}
