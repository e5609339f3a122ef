package dev.safesend.simulator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.safesend.simulator.domain.Rejection;

import java.security.SecureRandom;
import java.util.Base64;

/** Meta's error envelope: {@code {"error":{"message":"(#code) title","type","code","error_data","fbtrace_id"}}}. */
public record MetaErrorBody(Detail error) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static MetaErrorBody of(Rejection rejection) {
        return new MetaErrorBody(new Detail(rejection.error().message(), "OAuthException", rejection.error().code(),
                new ErrorData("whatsapp", rejection.details()), traceId()));
    }

    private static String traceId() {
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public record Detail(String message, String type, int code, @JsonProperty("error_data") ErrorData errorData,
                         @JsonProperty("fbtrace_id") String fbtraceId) {
    }

    public record ErrorData(@JsonProperty("messaging_product") String messagingProduct, String details) {
    }
}
