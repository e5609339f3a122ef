package dev.safesend.ingest.domain.campaign;

/** One member of a copied audience page and its group: held out (control) or treated (queued to be sent the campaign). */
public record AudienceAssignment(long seq, String address, boolean holdout) {
}
