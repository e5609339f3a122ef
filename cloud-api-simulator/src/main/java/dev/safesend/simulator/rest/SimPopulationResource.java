package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.service.PopulationService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /sim/population}: show, replace or clear the simulated recipients (segments of phone ranges
 * with read, reply, ignore, stop and block shares), and look up how one recipient behaves.
 */
@Path("/sim/population")
@Produces(MediaType.APPLICATION_JSON)
public class SimPopulationResource {

    private final PopulationService population;

    public SimPopulationResource(PopulationService population) {
        this.population = population;
    }

    @GET
    public PopulationBody show() {
        return PopulationBody.of(population.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public PopulationBody replace(JsonNode body) {
        try {
            population.replace(PopulationBody.parse(body));
        } catch (IllegalArgumentException e) {
            throw new SimRequestException(e.getMessage());
        }
        return PopulationBody.of(population.current());
    }

    @DELETE
    public void clear() {
        population.clear();
    }

    /** {@code ?recipient=} a phone (E.164, "+" optional) or a BSUID. */
    @GET
    @Path("behaviour")
    public BehaviourLookupBody behaviour(@QueryParam("recipient") String recipient) {
        Recipient id = Recipient.parseAny(recipient).orElseThrow(() -> new SimRequestException(
                "recipient must be a phone number (E.164) or a BSUID, got '" + recipient + "'"));
        return population.lookup(id).map(lookup -> BehaviourLookupBody.of(recipient, lookup))
                .orElseThrow(() -> new SimRequestException(404, "no user holds the BSUID '" + recipient + "'"));
    }
}
