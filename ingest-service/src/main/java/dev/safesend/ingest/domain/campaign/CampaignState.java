package dev.safesend.ingest.domain.campaign;

import java.util.Set;

/**
 * A campaign's lifecycle: DRAFT → SCHEDULED → RUNNING ⇄ PAUSED → COMPLETED | CANCELLED. Only DRAFT and PAUSED may be
 * edited; COMPLETED and CANCELLED are final.
 */
public enum CampaignState {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED;

    public boolean editable() {
        return this == DRAFT || this == PAUSED;
    }

    public boolean finished() {
        return this == COMPLETED || this == CANCELLED;
    }

    /** What an operator (or the platform) asks of a campaign. */
    public enum Action {
        START, PAUSE, RESUME, CANCEL, BEGIN, COMPLETE;

        /** The action as it appears in a path ({@code :start}) and in errors. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The state after {@code action}, or empty when the action is not allowed from this state. START schedules a
     * draft (it runs at its start time, BEGIN); RESUME of a paused campaign whose start time has not come yet goes
     * back to SCHEDULED.
     */
    public java.util.Optional<CampaignState> after(Action action, boolean startTimeReached) {
        CampaignState next = switch (action) {
            case START -> this == DRAFT ? SCHEDULED : null;
            case BEGIN -> this == SCHEDULED ? RUNNING : null;
            case PAUSE -> Set.of(SCHEDULED, RUNNING).contains(this) ? PAUSED : null;
            case RESUME -> this == PAUSED ? (startTimeReached ? RUNNING : SCHEDULED) : null;
            case CANCEL -> Set.of(DRAFT, SCHEDULED, RUNNING, PAUSED).contains(this) ? CANCELLED : null;
            case COMPLETE -> this == RUNNING ? COMPLETED : null;
        };
        return java.util.Optional.ofNullable(next);
    }
}
