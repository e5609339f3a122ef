package dev.safesend.ingest.domain.project;

/** A project's quota for a period would be exceeded: nothing was accepted; retry when the next period begins. */
public class QuotaExceededException extends RuntimeException {

    private final String project;
    private final QuotaPeriod period;
    private final long limit;
    private final long used;
    private final long retryAfterSeconds;

    public QuotaExceededException(String project, QuotaPeriod period, long limit, long used, long retryAfterSeconds) {
        super("project '" + project + "' has used " + used + " of its " + limit + " messages this "
                + period.name().toLowerCase(java.util.Locale.ROOT));
        this.project = project;
        this.period = period;
        this.limit = limit;
        this.used = used;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String project() {
        return project;
    }

    public QuotaPeriod period() {
        return period;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
