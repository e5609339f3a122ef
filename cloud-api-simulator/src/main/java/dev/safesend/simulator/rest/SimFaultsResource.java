package dev.safesend.simulator.rest;

import dev.safesend.simulator.service.FaultService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /sim/faults}: show, replace or clear the fault plan. */
@Path("/sim/faults")
@Produces(MediaType.APPLICATION_JSON)
public class SimFaultsResource {

    private final FaultService faults;

    public SimFaultsResource(FaultService faults) {
        this.faults = faults;
    }

    @GET
    public FaultPlanBody show() {
        return FaultPlanBody.of(faults.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public FaultPlanBody replace(FaultPlanBody body) {
        if (body == null) {
            throw new SimRequestException("a JSON fault plan is required");
        }
        try {
            faults.replace(body.toPlan());
        } catch (IllegalArgumentException e) {
            throw new SimRequestException(e.getMessage());
        }
        return FaultPlanBody.of(faults.current());
    }

    @DELETE
    public void clear() {
        faults.clear();
    }
}
