package dev.safesend.ingest.rest;

import java.util.List;

/** Body of {@code POST /v1/messages:batch}: up to 1,000 messages, each shaped like {@code POST /v1/messages}. */
public record SendBatchRequest(List<SendMessageRequest> messages) {
}
