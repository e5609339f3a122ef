package dev.safesend.ingest.domain.campaign;

import dev.safesend.servicekit.identity.CampaignMessageIds;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The deterministic parts of fan-out: a (campaign, contact) pair always gets the same message id and the same holdout
 * decision, however often the fan-out runs, so a crash, a redeploy or a pause never produces a second message.
 */
public final class CampaignMessages {

    private CampaignMessages() {
    }

    /** A name-based (version 3) UUID of the campaign and the contact's address; random ids elsewhere are version 4. */
    public static String messageId(String campaignId, String address) {
        return CampaignMessageIds.of(campaignId, address);
    }

    /** True for an id {@link #messageId} could have made: a cheap test before looking a status up. */
    public static boolean isCampaignMessageId(String messageId) {
        return CampaignMessageIds.isCampaignMessageId(messageId);
    }

    /**
     * Whether the contact belongs to the control group: a stable hash of (campaign, address) below the share. The
     * group's size is binomial around the share (within 3σ for any audience).
     */
    public static boolean inHoldout(String campaignId, String address, double holdoutPercent) {
        if (holdoutPercent <= 0) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(("holdout:" + campaignId + ":" + address).getBytes(StandardCharsets.UTF_8));
        long x = crc.getValue();
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        x ^= x >>> 31;
        double unit = (x >>> 11) * 0x1.0p-53; // uniform in [0, 1)
        return unit * 100 < holdoutPercent;
    }

    /**
     * The template language for a contact: theirs when the template is sent in it, else a variant of the same base
     * language (a contact in {@code pt} gets {@code pt_BR}), else the campaign's fallback.
     */
    public static String languageFor(CampaignContact contact, CampaignDefinition.TemplateChoice template) {
        String wanted = contact.language();
        if (wanted != null && !wanted.isBlank()) {
            String normal = wanted.replace('-', '_');
            for (String l : template.languages()) {
                if (l.equalsIgnoreCase(normal)) {
                    return l;
                }
            }
            String base = normal.split("_")[0].toLowerCase(Locale.ROOT);
            for (String l : template.languages()) {
                if (l.split("_")[0].equalsIgnoreCase(base)) {
                    return l;
                }
            }
        }
        return template.language();
    }

    /** The contact's parameter values in mapping order, or null when one has neither a value nor a fallback. */
    public static Map<String, String> parametersFor(CampaignContact contact, Map<String, ParameterSource> mapping) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterSource> e : mapping.entrySet()) {
            String v = e.getValue().resolve(contact);
            if (v == null) {
                return null;
            }
            values.put(e.getKey(), v);
        }
        return values;
    }

}
