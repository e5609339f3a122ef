package dev.safesend.cloudapi.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.util.Collection;

/**
 * The one place the Cloud API's JSON is read and written: one mapper, configured once (unknown fields ignored,
 * trailing data refused, nulls left out), and one pre-built reader and writer per wire type, so a call on the hot
 * path does no setup. Readers throw {@link WirePayloadException} naming the field that did not fit.
 */
public final class CloudApiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final ObjectReader SEND_REQUEST_READER = MAPPER.readerFor(SendRequest.class);
    private static final ObjectWriter SEND_REQUEST_WRITER = MAPPER.writerFor(SendRequest.class);
    private static final ObjectReader SEND_RESPONSE_READER = MAPPER.readerFor(SendResponse.class);
    private static final ObjectWriter SEND_RESPONSE_WRITER = MAPPER.writerFor(SendResponse.class);
    private static final ObjectReader ERROR_RESPONSE_READER = MAPPER.readerFor(ErrorResponse.class);
    private static final ObjectWriter ERROR_RESPONSE_WRITER = MAPPER.writerFor(ErrorResponse.class);
    private static final ObjectReader WEBHOOK_READER = MAPPER.readerFor(WebhookEnvelope.class);
    private static final ObjectWriter WEBHOOK_WRITER = MAPPER.writerFor(WebhookEnvelope.class);

    private CloudApiJson() {
    }

    public static SendRequest readSendRequest(byte[] body) {
        return read(SEND_REQUEST_READER, body);
    }

    public static byte[] write(SendRequest request) {
        return write(SEND_REQUEST_WRITER, request);
    }

    public static SendResponse readSendResponse(byte[] body) {
        return read(SEND_RESPONSE_READER, body);
    }

    public static byte[] write(SendResponse response) {
        return write(SEND_RESPONSE_WRITER, response);
    }

    public static ErrorResponse readErrorResponse(byte[] body) {
        return read(ERROR_RESPONSE_READER, body);
    }

    public static byte[] write(ErrorResponse response) {
        return write(ERROR_RESPONSE_WRITER, response);
    }

    public static WebhookEnvelope readWebhook(byte[] body) {
        return read(WEBHOOK_READER, body);
    }

    public static byte[] write(WebhookEnvelope envelope) {
        return write(WEBHOOK_WRITER, envelope);
    }

    /**
     * A wire value as a JSON tree, for the few readers that keep what Meta sent as it came (ingest's account-change
     * attributes and unidentified payloads); not for a hot path.
     */
    public static JsonNode tree(Object wireValue) {
        return MAPPER.valueToTree(wireValue);
    }

    /** The wire value of a JSON tree (the simulator's pass-through account changes). */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw failure(e);
        }
    }

    private static <T> T read(ObjectReader reader, byte[] body) {
        if (body == null || body.length == 0) {
            throw new WirePayloadException("", "the body is empty", null);
        }
        try {
            return reader.readValue(body);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static WirePayloadException failure(IOException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        String message = e instanceof JsonProcessingException j ? firstLine(j.getOriginalMessage()) : e.getMessage();
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && (message.startsWith("Cannot deserialize") || message.startsWith("Cannot construct"))) {
            // Jackson's text names Java types; the caller wrote JSON
            message = "expected " + shape(mismatch.getTargetType());
        }
        return new WirePayloadException(path, message, e);
    }

    /** What JSON a Java type reads from. */
    private static String shape(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    /** {@code entry[0].changes[1].value}: Jackson's reference path in the JSON's own names. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
