package dev.safesend.dispatch.domain;

import dev.safesend.dispatch.domain.gate.GateInput;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What dispatch's stores say about a batch of messages of one sender, read in one go just before the gate
 * decides on them. Absent keys mean "nothing known".
 *
 * Everything keyed by recipient is judged per contact: a recipient addressed by phone or by BSUID gets the facts of
 * every address of its contact.
 *
 * @param ledgerStates       send-ledger state by messageId
 * @param consent            the consent projection by phone
 * @param lastInbound        last inbound message to this sender by phone (the 24 h window)
 * @param lastSentByThisSender last claimed send from this sender by phone (the pair limit)
 * @param marketingHistory   marketing sends to the phone within MarketingHistoryRule.lookback() (30 days), from any sender
 * @param campaignStates     campaign state by campaignId
 * @param countedRecipients  recipients whose contact is already counted in the portfolio's rolling-24 h unique-recipient set
 * @param latestInbound      where each phone's latest inbound message (to any sender) sits on its topic, for phones
 *                           whose consent may still be changing because of it (see OptOutPathProgress)
 * @param contactKeys        recipient → its contact key, for what is recorded per contact (the unique-recipient budget)
 * @param dormantUntil       {@code project/recipient} → until when the contact is DORMANT for that project's marketing
 *                           (only for the batch's marketing messages, only while it lasts)
 */
public record GateFacts(Map<String, String> ledgerStates, Map<String, ConsentSnapshot> consent,
                        Map<String, Instant> lastInbound, Map<String, Instant> lastSentByThisSender,
                        Map<String, List<GateInput.PastMarketingSend>> marketingHistory,
                        Map<String, String> campaignStates, Set<String> countedRecipients,
                        Map<String, InboundPosition> latestInbound, Map<String, String> contactKeys,
                        Map<String, Instant> dormantUntil) {

    /** Until when the recipient's contact is dormant for the project's marketing; null when it is not. */
    public Instant dormantUntil(String project, String recipient) {
        return dormantUntil.get(project + "/" + recipient);
    }

    /** The contact key of a recipient (its own address when it is linked to no other). */
    public String contactKeyOf(String recipient) {
        return contactKeys.getOrDefault(recipient, recipient);
    }
}
