package dev.safesend.ingest.domain.campaign;

/** No campaign with this id. */
public class CampaignNotFoundException extends RuntimeException {

    private final String id;

    public CampaignNotFoundException(String id) {
        super("no campaign " + id);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
