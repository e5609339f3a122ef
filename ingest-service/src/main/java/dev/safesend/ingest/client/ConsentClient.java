package dev.safesend.ingest.client;

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
import java.util.Map;

/** consent-service's segments: a campaign's audience (members opted in for the category, keyset-paged) and its counts. */
@RegisterRestClient(configKey = "consent")
@Path("/v1/segments/{id}")
public interface ConsentClient {

    @GET
    @Path("/audience")
    @Produces(MediaType.APPLICATION_JSON)
    AudiencePage audience(@PathParam("id") String segmentId, @QueryParam("category") String category,
                          @QueryParam("cursor") String cursor, @QueryParam("limit") int limit,
                          @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/counts")
    @Produces(MediaType.APPLICATION_JSON)
    SegmentCounts counts(@PathParam("id") String segmentId, @QueryParam("category") String category,
                         @HeaderParam("Authorization") String authorization);

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Member(String phone, String waId, String name, String language, String region, Map<String, String> attributes) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record AudiencePage(List<Member> items, String nextCursor) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record SegmentCounts(String segmentId, String category, long matched, long optedIn, Map<String, Long> dropped,
                         Map<String, Long> optedInByRegion, Map<String, Long> optedInByLanguage, Instant countedAt) {
    }
}
