package dev.safesend.consent.rest;

import java.util.List;

/** A page of an audience: pass {@code nextCursor} as {@code cursor} for the next one; null on the last page. */
public record AudiencePage(List<AudienceMemberView> items, String nextCursor) {
}
