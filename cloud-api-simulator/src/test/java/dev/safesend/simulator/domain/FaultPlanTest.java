package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {

    @Test
    void rollSplitsTheUnitIntervalIntoTimeoutsThenServerErrorsThenNothing() {
        FaultPlan plan = new FaultPlan(0.25, 0.125, Duration.ofSeconds(10), Duration.ZERO, Map.of());

        assertThat(plan.roll(0.0)).isEqualTo(FaultPlan.Roll.TIMEOUT);
        assertThat(plan.roll(0.1249)).isEqualTo(FaultPlan.Roll.TIMEOUT);
        assertThat(plan.roll(0.125)).isEqualTo(FaultPlan.Roll.SERVER_ERROR);
        assertThat(plan.roll(0.3749)).isEqualTo(FaultPlan.Roll.SERVER_ERROR);
        assertThat(plan.roll(0.375)).isEqualTo(FaultPlan.Roll.NONE);
        assertThat(plan.roll(0.9999)).isEqualTo(FaultPlan.Roll.NONE);
    }

    @Test
    void emptyPlanNeverFails() {
        assertThat(FaultPlan.NONE.roll(0.0)).isEqualTo(FaultPlan.Roll.NONE);
    }

    @Test
    void recipientErrorsAreFoundWhateverWayTheNumberWasWritten() {
        FaultPlan plan = new FaultPlan(0, 0, Duration.ofSeconds(10), Duration.ZERO,
                Map.of("+263 77 123 4567", new FaultPlan.RecipientFault(131026, null)));

        assertThat(plan.faultFor("263771234567")).hasValueSatisfying(fault -> {
            assertThat(fault.code()).isEqualTo(131026);
            assertThat(fault.mode()).isEqualTo(FaultPlan.RecipientFault.Mode.SYNC);
        });
        assertThat(plan.faultFor("263771234568")).isEmpty();
    }

    @Test
    void impossibleRatesAndNegativeTimesAreRefused() {
        assertThatThrownBy(() -> new FaultPlan(1.5, 0, Duration.ZERO, Duration.ZERO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPlan(0.6, 0.6, Duration.ZERO, Duration.ZERO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPlan(0, 0, Duration.ofMillis(-1), Duration.ZERO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPlan(0, 0, Duration.ZERO, Duration.ZERO,
                Map.of("not-a-number", new FaultPlan.RecipientFault(131026, null))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownInjectedCodeGetsAGenericTitleAndHttp400() {
        Rejection rejection = new FaultPlan.RecipientFault(999999, FaultPlan.RecipientFault.Mode.SYNC).rejection();

        assertThat(rejection.error().message()).isEqualTo("(#999999) Simulated error");
        assertThat(rejection.error().httpStatus()).isEqualTo(400);
        assertThat(new FaultPlan.RecipientFault(131016, null).rejection().error().httpStatus()).isEqualTo(503);
    }
}
