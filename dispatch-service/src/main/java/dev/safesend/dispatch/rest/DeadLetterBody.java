package dev.safesend.dispatch.rest;

import java.time.Instant;
import java.util.Map;

/**
 * One record of a dead-letter topic. {@code headers} holds every header as a string (UTF-8; a binary value as
 * {@code base64:…}), among them SmallRye's {@code dead-letter-reason}, {@code dead-letter-cause}, {@code dead-letter-topic},
 * {@code dead-letter-partition}, {@code dead-letter-offset}. {@code recordType} and {@code messageId} are null when the
 * value is not a platform record ({@code decodable: false}) or carries no message id. {@code project} is the project
 * the record belongs to, null when it names none (such records are shown to tokens for every project only).
 */
public record DeadLetterBody(int partition, long offset, String key, Instant timestamp, Map<String, String> headers,
                             boolean decodable, String recordType, String messageId, String project) {
}
