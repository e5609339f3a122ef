package dev.safesend.ingest.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;

/** dispatch-service's view of a sender's limits: its rate, health throttle and the portfolio's 24 h budget. */
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

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Budget(long usedLast24h, Long limit, Long left, Instant freesAt) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Health(String state, double throttleFactor) {
    }
}
