package dev.safesend.dispatch.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.SendOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Calls the Cloud API and reads its answer into a {@link SendOutcome}: Meta's success or error JSON, or no answer. */
@ApplicationScoped
public class CloudApiClient {

    private final CloudApiRestClient rest;
    private final DispatchConfig config;

    public CloudApiClient(@RestClient CloudApiRestClient rest, DispatchConfig config) {
        this.rest = rest;
        this.config = config;
    }

    /** Sends without blocking; the stage always completes normally, with Meta's answer or a no-answer refusal. */
    public CompletionStage<SendOutcome> sendAsync(String phoneNumberId, JsonNode body) {
        CompletionStage<Response> call;
        try {
            call = rest.sendAsync(config.cloudApi().version(), phoneNumberId, "Bearer " + config.cloudApi().accessToken(), body);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(SendOutcome.Refused.noAnswer(e.getMessage()));
        }
        return call.handle((response, error) -> {
            Throwable cause = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
            if (cause instanceof WebApplicationException wae) {
                return read(wae.getResponse());
            }
            if (cause != null) {
                String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                return neverSent(cause) ? SendOutcome.Refused.noAnswer(why) : new SendOutcome.Uncertain(why);
            }
            return read(response);
        });
    }

    /** True when the failure happened before the request could be written: nothing reached Meta. */
    static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t.getClass().getName().endsWith("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static SendOutcome read(Response answer) {
        try (Response response = answer) {
            JsonNode json = response.hasEntity() ? response.readEntity(JsonNode.class) : null;
            if (response.getStatus() == 200 && json != null && json.path("messages").path(0).has("id")) {
                return new SendOutcome.Accepted(json.path("messages").path(0).path("id").asText());
            }
            JsonNode error = json == null ? null : json.path("error");
            if (error != null && error.has("code")) {
                return new SendOutcome.Refused(error.path("code").asInt(), error.path("message").asText(null),
                        error.path("error_data").path("details").asText(null), response.getStatus());
            }
            return new SendOutcome.Refused(null, "HTTP " + response.getStatus(), "the answer carried no Meta error object",
                    response.getStatus());
        } catch (ProcessingException e) {
            return SendOutcome.Refused.noAnswer(e.getMessage());
        }
    }
}
