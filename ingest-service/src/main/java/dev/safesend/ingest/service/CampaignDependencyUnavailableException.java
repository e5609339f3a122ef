package dev.safesend.ingest.service;

/** consent-service (or dispatch-service) did not answer what a campaign needs; nothing was changed. */
public class CampaignDependencyUnavailableException extends RuntimeException {
    public CampaignDependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
