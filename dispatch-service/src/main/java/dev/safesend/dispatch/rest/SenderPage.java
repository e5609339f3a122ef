package dev.safesend.dispatch.rest;

import java.util.List;

/** A page of senders: {@code {items, nextCursor}} (nextCursor absent on the last page). */
public record SenderPage(List<SenderBody> items, String nextCursor) {
}
