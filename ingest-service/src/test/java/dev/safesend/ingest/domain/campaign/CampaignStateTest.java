package dev.safesend.ingest.domain.campaign;

import org.junit.jupiter.api.Test;

import static dev.safesend.ingest.domain.campaign.CampaignState.Action.BEGIN;
import static dev.safesend.ingest.domain.campaign.CampaignState.Action.CANCEL;
import static dev.safesend.ingest.domain.campaign.CampaignState.Action.COMPLETE;
import static dev.safesend.ingest.domain.campaign.CampaignState.Action.PAUSE;
import static dev.safesend.ingest.domain.campaign.CampaignState.Action.RESUME;
import static dev.safesend.ingest.domain.campaign.CampaignState.Action.START;
import static org.assertj.core.api.Assertions.assertThat;

class CampaignStateTest {

    @Test
    void aDraftIsScheduledByStartAndRunsAtItsStartTime() {
        assertThat(CampaignState.DRAFT.after(START, true)).contains(CampaignState.SCHEDULED);
        assertThat(CampaignState.SCHEDULED.after(BEGIN, true)).contains(CampaignState.RUNNING);
        assertThat(CampaignState.RUNNING.after(COMPLETE, true)).contains(CampaignState.COMPLETED);
    }

    @Test
    void pauseAndResumeGoBackAndForthAndAResumeBeforeTheStartTimeWaitsForIt() {
        assertThat(CampaignState.RUNNING.after(PAUSE, true)).contains(CampaignState.PAUSED);
        assertThat(CampaignState.PAUSED.after(RESUME, true)).contains(CampaignState.RUNNING);
        assertThat(CampaignState.SCHEDULED.after(PAUSE, false)).contains(CampaignState.PAUSED);
        assertThat(CampaignState.PAUSED.after(RESUME, false)).contains(CampaignState.SCHEDULED);
    }

    @Test
    void finishedCampaignsAcceptNothingAndOnlyRunningOnesComplete() {
        for (CampaignState.Action a : CampaignState.Action.values()) {
            assertThat(CampaignState.COMPLETED.after(a, true)).as("COMPLETED %s", a).isEmpty();
            assertThat(CampaignState.CANCELLED.after(a, true)).as("CANCELLED %s", a).isEmpty();
        }
        assertThat(CampaignState.PAUSED.after(COMPLETE, true)).isEmpty();
        assertThat(CampaignState.DRAFT.after(PAUSE, true)).isEmpty();
        assertThat(CampaignState.RUNNING.after(START, true)).isEmpty();
        assertThat(CampaignState.PAUSED.after(CANCEL, true)).contains(CampaignState.CANCELLED);
    }

    @Test
    void onlyDraftsAndPausedCampaignsAreEditable() {
        assertThat(CampaignState.values()).filteredOn(CampaignState::editable)
                .containsExactlyInAnyOrder(CampaignState.DRAFT, CampaignState.PAUSED);
    }
}
