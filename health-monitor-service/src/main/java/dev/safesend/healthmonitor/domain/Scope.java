package dev.safesend.healthmonitor.domain;

/** One thing windows are kept for. A template's id is {@code name/language}. */
public record Scope(ScopeType type, String id) {

    public static Scope sender(String id) {
        return new Scope(ScopeType.SENDER, id);
    }

    public static Scope portfolio(String id) {
        return new Scope(ScopeType.PORTFOLIO, id);
    }
}
