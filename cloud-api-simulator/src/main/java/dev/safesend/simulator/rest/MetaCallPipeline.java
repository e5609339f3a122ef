package dev.safesend.simulator.rest;

import dev.safesend.simulator.config.SimulatorConfig;
import dev.safesend.simulator.domain.FaultPlan;
import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.Rejection;
import dev.safesend.simulator.domain.RejectedException;
import dev.safesend.simulator.service.FaultService;
import dev.safesend.simulator.service.MessageSendService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every Meta-path call goes through: the bearer token (190), the fault plan's timeouts and
 * server errors, refusals thrown by validation, and the added latency. Delays use Vert.x timers, so
 * a held or slowed call occupies no thread.
 */
@ApplicationScoped
public class MetaCallPipeline {

    static final int GATEWAY_TIMEOUT = 504;

    private final byte[] accessToken;
    private final FaultService faults;
    private final MessageSendService sends;
    private final Vertx vertx;

    public MetaCallPipeline(SimulatorConfig config, FaultService faults, MessageSendService sends, Vertx vertx) {
        this.accessToken = config.accessToken().getBytes(StandardCharsets.UTF_8);
        this.faults = faults;
        this.sends = sends;
        this.vertx = vertx;
    }

    Uni<Response> answer(String authorization, Supplier<Response> work) {
        FaultPlan plan = faults.current();
        Response response;
        if (!authorised(authorization)) {
            response = error(new Rejection(MetaError.ACCESS_TOKEN, "Missing or invalid access token."));
        } else {
            Optional<FaultService.InfrastructureFault> fault = faults.roll();
            if (fault.isPresent() && fault.get().kind() == FaultPlan.Roll.TIMEOUT) {
                Rejection timeout = new Rejection(fault.get().error(),
                        "Simulated gateway timeout after " + fault.get().plan().timeout().toMillis() + " ms; the message was not accepted.");
                return later(error(timeout, GATEWAY_TIMEOUT), fault.get().plan().timeout());
            }
            if (fault.isPresent()) {
                response = error(new Rejection(fault.get().error(), "Simulated server error (fault plan)."));
            } else {
                response = run(work);
            }
        }
        return later(response, plan.addedLatency());
    }

    private Response run(Supplier<Response> work) {
        try {
            return work.get();
        } catch (RejectedException e) {
            return error(e.rejection());
        }
    }

    /** A Meta error answer, counted in the ledger. */
    Response error(Rejection rejection) {
        return error(rejection, rejection.error().httpStatus());
    }

    private Response error(Rejection rejection, int status) {
        sends.recordError(rejection.error());
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(MetaAnswers.error(rejection)).build();
    }

    private boolean authorised(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, accessToken);
    }

    private Uni<Response> later(Response response, Duration delay) {
        long millis = delay.toMillis();
        if (millis <= 0) {
            return Uni.createFrom().item(response);
        }
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(response)));
    }
}
