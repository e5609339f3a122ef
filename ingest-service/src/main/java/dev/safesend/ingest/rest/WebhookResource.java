package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.MalformedWebhookException;
import dev.safesend.ingest.service.WebhookService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Meta's webhook: protected by the verify token (GET) and the HMAC signature over the raw body (POST), not by
 * OIDC. 200 only once every new update is acknowledged by Kafka; 401 for a missing or wrong signature, 400 for a
 * body that is not Meta's envelope; anything else is a 5xx and Meta retries.
 */
@Path("/webhooks/whatsapp")
@PermitAll
public class WebhookResource {

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                         @QueryParam("hub.challenge") String challenge) {
        if (!"subscribe".equals(mode) || challenge == null || !webhooks.verifyTokenMatches(token)) {
            throw new ProblemException(Problem.of(403, "webhook-verification-failed", "Webhook verification failed",
                    "hub.mode must be subscribe and hub.verify_token must match the configured token"));
        }
        return challenge;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        if (!webhooks.signatureMatches(body, signature)) {
            throw new ProblemException(Problem.of(401, "invalid-signature", "Invalid webhook signature",
                    signature == null ? "X-Hub-Signature-256 is missing" : "X-Hub-Signature-256 does not match the body"));
        }
        try {
            webhooks.receive(body);
        } catch (MalformedWebhookException e) {
            throw new ProblemException(Problem.of(400, "malformed-webhook", "Malformed webhook body", e.getMessage()));
        }
        return Response.ok().build();
    }
}
