package dev.safesend.ingest.domain;

/** A template header's media: an IMAGE, VIDEO or DOCUMENT by public link or by an uploaded media id (exactly one). */
public record HeaderMedia(String type, String link, String id) {
}
