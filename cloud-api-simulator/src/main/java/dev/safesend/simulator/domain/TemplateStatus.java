package dev.safesend.simulator.domain;

/** Meta's template review states (reference §4). Only {@link #APPROVED} templates can be sent. */
public enum TemplateStatus {
    APPROVED, PENDING, REJECTED, PAUSED, DISABLED, IN_APPEAL, PENDING_DELETION, DELETED, LIMIT_EXCEEDED,
    ARCHIVED, UNARCHIVED, LOCKED, FLAGGED, REINSTATED
}
