package dev.safesend.dispatch.service;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.OptOutPathProgress;
import dev.safesend.dispatch.domain.WebhookIntake;
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
    private final WebhookIntake intake; // null when disabled (no ingest runs: dispatch's own tests)
    private final ProjectionRepository projections;
    private final Clock clock;

    public OptOutPath(DispatchConfig config, ProjectionRepository projections, MeterRegistry metrics) {
        this.progress = new OptOutPathProgress(config.optOutPath().maxInboundDelay(), config.optOutPath().staleAfter());
        this.projections = projections;
        this.clock = Clock.systemUTC();
        DispatchConfig.OptOutPath.Intake beats = config.optOutPath().intake();
        this.intake = beats.enabled() ? new WebhookIntake(beats.staleAfter(), beats.maxPending(), beats.retryWindow(), beats.lookBack()) : null;
        Gauge.builder(DispatchMetrics.OPTOUT_LAG, progress, p -> p.lag().consent()).tag("hop", "consent")
                .description("inbound messages consent-service has not acknowledged (applied and published)").register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_LAG, progress, p -> p.lag().projection()).tag("hop", "projection")
                .description("consent changes dispatch's projection has not committed").register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_LAG, progress, p -> p.lag().windows()).tag("hop", "windows")
                .description("inbound messages dispatch has not committed").register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_BEHIND, this, o -> o.behind() ? 1 : 0)
                .description("1 while business messages (all but authentication and service replies) are held for everyone").register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_INTAKE_HELD, this, o -> o.intakeHold() == WebhookIntake.Hold.NONE ? 0 : 1)
                .description("1 while business messages are held because a STOP may not have reached ingest (no instance beats, or Meta may still retry one)")
                .register(metrics);
        Gauge.builder(DispatchMetrics.OPTOUT_INTAKE_INSTANCES, this, o -> o.intake == null ? 0 : o.intake.liveInstances(o.clock.instant()))
                .description("ingest instances beating now").register(metrics);
    }

    /** Whether ingest's beats are watched at all. */
    public boolean watchesIntake() {
        return intake != null;
    }

    public void observe(WebhookIntake.Beat beat) {
        intake.observe(beat, clock.instant());
    }

    /** What holds business messages on the intake side now (NONE when the intake is not watched). */
    public WebhookIntake.Hold intakeHold() {
        return intake == null ? WebhookIntake.Hold.NONE : intake.hold(clock.instant());
    }

    /** The end of the intake's current retry window, null when none is open. */
    public java.time.Instant intakeHeldUntil() {
        return intake == null ? null : intake.heldUntil(clock.instant());
    }

    /** True while every business message (all but authentication codes and service replies) is held for everyone. */
    public boolean holdsEveryone() {
        return behind() || intakeHold() != WebhookIntake.Hold.NONE;
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
