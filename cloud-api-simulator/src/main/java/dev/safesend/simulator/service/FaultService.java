package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.FaultPlan;
import dev.safesend.simulator.domain.MetaError;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/** Holds the current fault plan and decides the fate of each Meta-path call. */
@ApplicationScoped
public class FaultService {

    private final AtomicReference<FaultPlan> plan = new AtomicReference<>(FaultPlan.NONE);

    public FaultPlan current() {
        return plan.get();
    }

    public void replace(FaultPlan next) {
        plan.set(next);
        Log.infof("Fault plan replaced: serverErrorRate=%s timeoutRate=%s timeout=%s addedLatency=%s recipients=%d",
                next.serverErrorRate(), next.timeoutRate(), next.timeout(), next.addedLatency(),
                next.errorByRecipient().size());
    }

    public void clear() {
        plan.set(FaultPlan.NONE);
        Log.info("Fault plan cleared");
    }

    /** Rolls the infrastructure dice for one call. */
    public Optional<InfrastructureFault> roll() {
        FaultPlan current = plan.get();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (current.roll(random.nextDouble())) {
            case NONE -> Optional.empty();
            case TIMEOUT -> Optional.of(
                    new InfrastructureFault(FaultPlan.Roll.TIMEOUT, MetaError.SOMETHING_WENT_WRONG, current));
            case SERVER_ERROR -> Optional.of(new InfrastructureFault(FaultPlan.Roll.SERVER_ERROR,
                    random.nextBoolean() ? MetaError.SOMETHING_WENT_WRONG : MetaError.SERVICE_UNAVAILABLE, current));
        };
    }

    /** A call that fails before any rule sees it: a server error, or a timeout held for {@code plan.timeout()}. */
    public record InfrastructureFault(FaultPlan.Roll kind, MetaError error, FaultPlan plan) {
    }
}
