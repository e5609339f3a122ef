package dev.safesend.simulator.rest;

import dev.safesend.cloudapi.wire.CloudApiJson;
import dev.safesend.cloudapi.wire.ErrorResponse;
import dev.safesend.cloudapi.wire.SendResponse;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.Rejection;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The send endpoint's answers in Meta's shape (reference §1.4 and the error envelope), as cloud-api-wire's records
 * written by its pre-built writers: the bytes a resource puts in its response.
 */
final class MetaAnswers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MetaAnswers() {
    }

    /**
     * 200: {@code contacts[{input, wa_id}]} for a phone send, {@code contacts[{input, user_id}]} for a BSUID send;
     * {@code message_status: accepted} on a template send only.
     */
    static byte[] accepted(Recipient recipient, String wamid, boolean template) {
        return CloudApiJson.write(new SendResponse("whatsapp",
                List.of(new SendResponse.Contact(recipient.input(), recipient.waId(), recipient.userId())),
                List.of(new SendResponse.Message(wamid, template ? "accepted" : null))));
    }

    /** {@code {"error":{"message":"(#code) title","type":"OAuthException","code","error_data","fbtrace_id"}}}. */
    static byte[] error(Rejection rejection) {
        return CloudApiJson.write(new ErrorResponse(new ErrorResponse.Error(rejection.error().message(), "OAuthException",
                rejection.error().code(), null, new ErrorResponse.ErrorData("whatsapp", rejection.details()), traceId())));
    }

    private static String traceId() {
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
