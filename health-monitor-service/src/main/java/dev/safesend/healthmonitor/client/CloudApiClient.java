package dev.safesend.healthmonitor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Meta's Graph API read of a phone number's quality rating: {@code GET /{version}/{phone-number-id}?fields=quality_rating}. */
@RegisterRestClient(configKey = "cloud-api")
public interface CloudApiClient {

    @GET
    @Path("/{version}/{phoneNumberId}")
    @Produces(MediaType.APPLICATION_JSON)
    PhoneNumber phoneNumber(@PathParam("version") String version, @PathParam("phoneNumberId") String phoneNumberId,
                            @QueryParam("fields") String fields, @HeaderParam("Authorization") String authorization);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PhoneNumber(String id, @JsonProperty("quality_rating") String qualityRating) {
    }
}
