package dev.safesend.dispatch.rest;

import java.util.List;

/** A page of a dead-letter topic: {@code {items, nextCursor}} (nextCursor null once every partition is read to its end). */
public record DeadLetterPage(List<DeadLetterBody> items, String nextCursor) {
}
