package dev.safesend.dispatch.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.concurrent.CompletionStage;

/**
 * Meta's send endpoint, {@code POST /{version}/{phone-number-id}/messages}. The body is the JSON cloud-api-wire wrote
 * (its pre-built writer, not the REST client's); error answers come back as a Response, not an exception.
 */
@RegisterRestClient(configKey = "cloud-api")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CloudApiRestClient {

    /** Non-blocking: hundreds of calls are in flight per sender at full rate. */
    @POST
    @Path("/{version}/{phoneNumberId}/messages")
    CompletionStage<Response> sendAsync(@PathParam("version") String version, @PathParam("phoneNumberId") String phoneNumberId,
                                        @HeaderParam("Authorization") String authorization, byte[] body);
}
