package dev.safesend.ingest.service;

import dev.safesend.ingest.client.DispatchClient;
import dev.safesend.ingest.domain.campaign.CampaignForecast;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How dispatch's budget view becomes the budget the forecast replays. */
class SenderCapacityBudgetTest {

    private static final Instant READ_AT = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void theWindowTheLimitTheGateAppliesAndTheOldestRollOffAreTakenFromDispatch() {
        Instant freesAt = READ_AT.plusSeconds(40);
        CampaignForecast.Budget b = SenderCapacity.budget(new DispatchClient.Budget(180, 250L, 70L, freesAt, "PT2M"), READ_AT);
        assertThat(b).isEqualTo(new CampaignForecast.Budget(180, 250, Duration.ofMinutes(2), freesAt, READ_AT));
        assertThat(b.left()).isEqualTo(70);
    }

    @Test
    void aDispatchThatDoesNotSayItsWindowIsTakenToCountOverMetas24Hours() {
        assertThat(SenderCapacity.budget(new DispatchClient.Budget(0, 250L, 250L, null, null), READ_AT).window())
                .isEqualTo(Duration.ofHours(24));
        assertThat(SenderCapacity.budget(new DispatchClient.Budget(0, 250L, 250L, null, "a day"), READ_AT).window())
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void anUnlimitedPortfolioOrNoBudgetViewIsNoBudget() {
        assertThat(SenderCapacity.budget(new DispatchClient.Budget(12, null, null, null, "PT24H"), READ_AT))
                .isEqualTo(CampaignForecast.Budget.NONE);
        assertThat(SenderCapacity.budget(null, READ_AT)).isEqualTo(CampaignForecast.Budget.NONE);
        assertThat(CampaignForecast.Budget.NONE.left()).isEqualTo(Long.MAX_VALUE);
    }
}
