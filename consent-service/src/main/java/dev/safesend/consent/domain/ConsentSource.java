package dev.safesend.consent.domain;

/** What caused a consent change, and which direction each source may move consent in. */
public enum ConsentSource {
    WEB_FORM(true, false),
    IMPORT(true, true),
    API(true, true),
    KEYWORD(true, true),
    ADMIN(true, true),
    USER_PREFERENCES(true, true),
    META_131050(false, true),
    ERASE(false, true);

    private final boolean grants;
    private final boolean revokes;

    ConsentSource(boolean grants, boolean revokes) {
        this.grants = grants;
        this.revokes = revokes;
    }

    public boolean canGrant() {
        return grants;
    }

    public boolean canRevoke() {
        return revokes;
    }
}
