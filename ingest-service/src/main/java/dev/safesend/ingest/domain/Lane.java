package dev.safesend.ingest.domain;

/** The two outbound lanes of a sender: urgent is always served first by dispatch. */
public enum Lane {
    URGENT, BULK;

    /** Authentication, utility and service messages must not wait behind a campaign; marketing goes bulk. */
    public static Lane forCategory(Category category) {
        return category == Category.MARKETING ? BULK : URGENT;
    }
}
