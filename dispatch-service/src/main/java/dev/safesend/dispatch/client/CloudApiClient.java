package dev.safesend.dispatch.client;

import dev.safesend.cloudapi.wire.CloudApiJson;
import dev.safesend.cloudapi.wire.ErrorResponse;
import dev.safesend.cloudapi.wire.SendRequest;
import dev.safesend.cloudapi.wire.WirePayloadException;
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

/**
 * Calls the Cloud API and reads its answer into a {@link SendOutcome}: Meta's success or error JSON (cloud-api-wire's
 * records), or no answer.
 */
@ApplicationScoped
public class CloudApiClient {

    private final CloudApiRestClient rest;
    private final DispatchConfig config;

    public CloudApiClient(@RestClient CloudApiRestClient rest, DispatchConfig config) {
        this.rest = rest;
        this.config = config;
    }

    /** Sends without blocking; the stage always completes normally, with Meta's answer or a no-answer refusal. */
    public CompletionStage<SendOutcome> sendAsync(String phoneNumberId, SendRequest body) {
        CompletionStage<Response> call;
        try {
            call = rest.sendAsync(config.cloudApi().version(), phoneNumberId, "Bearer " + config.cloudApi().accessToken(),
                    CloudApiJson.write(body));
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
        int status = answer.getStatus();
        try (Response response = answer) {
            byte[] json = response.hasEntity() ? response.readEntity(byte[].class) : null;
            return read(response.getStatus(), json == null || json.length == 0 ? null : json);
        } catch (ProcessingException e) {
            return successful(status) ? unreadableSuccess(status, e.getMessage()) : SendOutcome.Refused.noAnswer(e.getMessage());
        }
    }

    /**
     * Meta's answer: a 200 naming the wamid, else its error object, else the bare HTTP status; a body that is not JSON is
     * no answer. A success status without a readable wamid is uncertain: Meta took the request, so it may have sent the
     * message, and sending it again could deliver it twice (the status webhook carrying its messageId settles it).
     */
    static SendOutcome read(int status, byte[] json) {
        try {
            if (successful(status)) {
                String wamid = json == null ? null : CloudApiJson.readSendResponse(json).wamid();
                return wamid != null ? new SendOutcome.Accepted(wamid)
                        : unreadableSuccess(status, json == null ? "no body" : "no message id in the answer");
            }
            ErrorResponse.Error error = json == null ? null : CloudApiJson.readErrorResponse(json).error();
            if (error != null && error.code() != null) {
                return new SendOutcome.Refused(error.code(), error.message(), error.details(), status);
            }
            return new SendOutcome.Refused(null, "HTTP " + status, "the answer carried no Meta error object", status);
        } catch (WirePayloadException e) {
            return successful(status) ? unreadableSuccess(status, e.getMessage()) : SendOutcome.Refused.noAnswer(e.getMessage());
        }
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private static SendOutcome unreadableSuccess(int status, String why) {
        return new SendOutcome.Uncertain("HTTP " + status + " without a readable wamid (" + why + ")");
    }
}
