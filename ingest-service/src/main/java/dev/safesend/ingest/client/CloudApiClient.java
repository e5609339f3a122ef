package dev.safesend.ingest.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Meta's WhatsApp Cloud API (or the cloud-api-simulator): the template listing, paged by Graph cursors. */
@RegisterRestClient(configKey = "cloud-api")
@Path("/{version}/{wabaId}")
public interface CloudApiClient {

    @GET
    @Path("/message_templates")
    @Produces(MediaType.APPLICATION_JSON)
    TemplatePage messageTemplates(@PathParam("version") String version, @PathParam("wabaId") String wabaId,
                                  @HeaderParam("Authorization") String authorization, @QueryParam("limit") int limit,
                                  @QueryParam("after") String after);
}
