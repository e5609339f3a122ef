package dev.safesend.consent.messaging;

import dev.safesend.consent.domain.UserPreference;
import dev.safesend.consent.mapping.ConsentEventMapper;
import dev.safesend.consent.service.SignalService;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.servicekit.store.TransientStoreFailure;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** wa.account-events.v1: Meta's user_preferences stop/resume become marketing opt-outs/opt-ins; other events are not ours. */
@ApplicationScoped
public class AccountEventConsumer {

    private final SignalService signals;
    private final ConsentEventMapper mapper;
    private final MeterRegistry metrics;

    public AccountEventConsumer(SignalService signals, ConsentEventMapper mapper, MeterRegistry metrics) {
        this.signals = signals;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("account-events-in")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100) // until the database is back: see ConsumedRecord
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public void onAccountEventReceived(AccountEventReceived event) {
        ConsumedRecord.handle(metrics, "AccountEventReceived", event, () -> {
            UserPreference preference = mapper.toUserPreference(event);
            return preference == null ? "skipped" : InboundMessageConsumer.outcome(signals.onUserPreference(preference));
        });
    }
}
