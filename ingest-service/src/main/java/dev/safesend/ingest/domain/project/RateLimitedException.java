package dev.safesend.ingest.domain.project;

/** A client sent more requests in this second than its limit allows: nothing was done; retry in a second. */
public class RateLimitedException extends RuntimeException {

    private final String client;
    private final int limit;

    public RateLimitedException(String client, int limit) {
        super("client '" + client + "' may send " + limit + " requests per second");
        this.client = client;
        this.limit = limit;
    }

    public String client() {
        return client;
    }

    public int limit() {
        return limit;
    }

    public long retryAfterSeconds() {
        return 1;
    }
}
