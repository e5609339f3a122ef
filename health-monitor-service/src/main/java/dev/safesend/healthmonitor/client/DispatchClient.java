package dev.safesend.healthmonitor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/** dispatch-service's sender registry (each number's WABA, portfolio, display number and project) and its budget use. */
@RegisterRestClient(configKey = "dispatch")
@Path("/v1/senders")
public interface DispatchClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Page senders(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor,
                 @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{id}/quota")
    @Produces(MediaType.APPLICATION_JSON)
    Quota quota(@PathParam("id") String senderId, @HeaderParam("Authorization") String authorization);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<Sender> items, String nextCursor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sender(String senderId, String wabaId, String displayNumber, String portfolioId, String project) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Quota(String senderId, Budget budget) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Budget(long usedLast24h, Long limit, Long left, Instant freesAt) {
    }
}
