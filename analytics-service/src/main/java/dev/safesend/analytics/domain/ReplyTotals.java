package dev.safesend.analytics.domain;

/**
 * Replies and opt-outs credited to the messages of a report row (attribution: a reply or opt-out belongs to the campaign
 * message it quotes, else to the contact's last campaign message delivered within the window).
 *
 * @param replied                 distinct contacts that replied
 * @param optOuts                 distinct contacts that opted out
 * @param firstResponseP50Seconds median over the replying contacts of delivered → first reply, in seconds; null when none
 */
public record ReplyTotals(long replied, long optOuts, Double firstResponseP50Seconds) {

    /** replied / delivered, four decimals; null when nothing was delivered. */
    public Double replyRate(long delivered) {
        return RollupTotals.rate(replied, delivered);
    }
}
