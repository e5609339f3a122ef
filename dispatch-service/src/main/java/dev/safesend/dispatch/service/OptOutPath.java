package dev.safesend.dispatch.service;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.OptOutPathProgress;
import dev.safesend.dispatch.repository.ProjectionRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;

/**
 * The opt-out path's progress as the gate sees it ({@link OptOutPathProgress}): fed with Kafka's offsets by
 * {@code OptOutPathWatch}, asked by every pacing turn, and exported as the lag of each hop
 * ({@code dispatch.optout.lag{hop}}) and whether the path is behind ({@code dispatch.optout.behind}).
 */
@ApplicationScoped
public class OptOutPath {

    private final OptOutPathProgress progress;
    private final ProjectionRepository projections;
    private final Clock clock;

    public OptOutPath(DispatchConfig config, ProjectionRepository projections, MeterRegistry metrics) {
        this.progress = new OptOutPathProgress(config.optOutPath().maxInboundDelay(), config.optOutPath().staleAfter());
        this.projections = projections;
        this.clock = Clock.systemUTC();
        Gauge.builder(DispatchMetrics.OPTOUT_LAG, progress, p -> p.lag().consent()).tag("hop", "consent")
                .description("inbound messages consent-service has not acknowledged (applied and published)").register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_LAG, progress, p -> p.lag().projection()).tag("hop", "projection")
                .description("consent changes dispatch's projection has not committed").register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_LAG, progress, p -> p.lag().windows()).tag("hop", "windows")
                .description("inbound messages dispatch has not committed").register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_BEHIND, this, o -> o.behind() ? 1 : 0)
                .description("1 while business messages (all but authentication and service replies) are held for everyone").register(metrics);
    }

    public void observe(OptOutPathProgress.Reading reading) {
        progress.observe(reading);
    }

    /** True while the consent effect of the inbound message at this position may not have reached the projection. */
    public boolean mayBeChanging(int partition, long offset) {
        return progress.mayBeChanging(partition, offset);
    }

    public OptOutPathProgress.Lag lag() {
        return progress.lag();
    }

    public boolean behind() {
        return progress.behind(clock.instant());
    }

    /** Forgets who wrote where the path has caught up (the rows can no longer hold anyone). */
    public void clean() {
        Map<Integer, Long> cleared = progress.cleared();
        if (!cleared.isEmpty()) {
            int removed = projections.forgetClearedInbound(cleared);
            Log.debugf("opt-out path: %d people no longer in flight", removed);
        }
    }
}
