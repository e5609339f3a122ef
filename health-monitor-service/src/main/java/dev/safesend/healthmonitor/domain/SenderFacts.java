package dev.safesend.healthmonitor.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the rules judge a number by at one moment.
 *
 * @param rates            the number's rates over the opt-out rule's window (24 h by default)
 * @param portfolioRates   the same over every number of its portfolio
 * @param quality          Meta's quality rating of the number (GREEN, YELLOW, RED, FLAGGED, UNKNOWN or null)
 * @param restrictedUntil  an account restriction on business-initiated messaging in force until then (null: none)
 * @param lastSpamLimit    the last 131048 (spam rate limit) seen for the number
 * @param lastAccountBlock the last 368 or 131031 (policy block, account locked), and its code
 * @param disabled         the account is disabled (DISABLED_UPDATE with waba_ban_state DISABLE)
 * @param portfolioHolds   the numbers of the same portfolio whose marketing is held by their own causes
 * @param manualPause      an operator's pause reason, or null
 */
public record SenderFacts(Rates rates, Rates portfolioRates, String quality, Instant restrictedUntil,
                          Instant lastSpamLimit, Instant lastAccountBlock, String accountBlockCode, boolean disabled,
                          List<String> portfolioHolds, String manualPause) {

    public SenderFacts {
        portfolioHolds = portfolioHolds == null ? List.of() : List.copyOf(portfolioHolds);
    }
}
