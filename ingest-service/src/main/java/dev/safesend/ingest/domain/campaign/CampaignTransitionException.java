package dev.safesend.ingest.domain.campaign;

/** An action a campaign's state does not allow (a 409 at the API). */
public class CampaignTransitionException extends RuntimeException {

    private final CampaignState state;

    public CampaignTransitionException(String campaignId, CampaignState state, String action) {
        super("campaign " + campaignId + " is " + state + ": it cannot " + action);
        this.state = state;
    }

    public CampaignState state() {
        return state;
    }
}
