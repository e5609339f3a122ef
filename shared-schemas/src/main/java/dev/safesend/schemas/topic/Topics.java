package dev.safesend.schemas.topic;

import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.analytics.ConversionRecorded;
import dev.safesend.schemas.campaign.CampaignAudienceAssigned;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.health.ContactEngagementChanged;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.intake.IntakeBeat;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.message.SendRequest;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/** Every topic of the platform (docs/events.md), with its key, record type and retention kind. */
public enum Topics {
    SEND_REQUESTS("wa.send-requests.v1", "requestId", SendRequest.class, false),
    OUTBOUND_URGENT("wa.outbound.urgent.v1", "senderId", OutboundMessage.class, false),
    OUTBOUND_BULK("wa.outbound.bulk.v1", "senderId", OutboundMessage.class, false),
    MESSAGE_EVENTS("wa.message-events.v1", "messageId", MessageStatusChanged.class, false),
    INBOUND_MESSAGES("wa.inbound-messages.v1", "waId", InboundMessageReceived.class, false),
    ACCOUNT_EVENTS("wa.account-events.v1", "wabaId or senderId", AccountEventReceived.class, false),
    CONSENT_CHANGES("wa.consent-changes.v1", "phone", ConsentChanged.class, true),
    SENDER_HEALTH("wa.sender-health.v1", "senderId", SenderHealthChanged.class, true),
    CONTACT_ENGAGEMENT("wa.contact-engagement.v1", "project/contact", ContactEngagementChanged.class, true),
    CAMPAIGN_EVENTS("wa.campaign-events.v1", "campaignId", CampaignStateChanged.class, false),
    CAMPAIGN_AUDIENCE("wa.campaign-audience.v1", "campaignId", CampaignAudienceAssigned.class, false),
    CONVERSIONS("wa.conversions.v1", "contact address", ConversionRecorded.class, false),
    INTAKE_BEATS("wa.intake-beats.v1", "instance", IntakeBeat.class, false, true);

    /** Suffix of every dead-letter topic: {@code <topic>.dlq}. */
    public static final String DLQ_SUFFIX = ".dlq";

    private final String topicName;
    private final String key;
    private final Class<? extends SpecificRecord> recordType;
    private final boolean compacted;
    private final boolean onePartition;

    Topics(String topicName, String key, Class<? extends SpecificRecord> recordType, boolean compacted) {
        this(topicName, key, recordType, compacted, false);
    }

    Topics(String topicName, String key, Class<? extends SpecificRecord> recordType, boolean compacted, boolean onePartition) {
        this.topicName = topicName;
        this.key = key;
        this.recordType = recordType;
        this.compacted = compacted;
        this.onePartition = onePartition;
    }

    public String topicName() { return topicName; }

    public String dlqName() { return topicName + DLQ_SUFFIX; }

    public String key() { return key; }

    public Class<? extends SpecificRecord> recordType() { return recordType; }

    public boolean compacted() { return compacted; }

    /** Read as one time-ordered stream (the intake beats): a single partition wherever it is created. */
    public boolean onePartition() { return onePartition; }

    /** Every topic name, including dead-letter topics, e.g. for a local broker to create. */
    public static List<String> allTopicNamesWithDlq() {
        return java.util.Arrays.stream(values())
                .flatMap(t -> java.util.stream.Stream.of(t.topicName, t.dlqName()))
                .toList();
    }

    /** The record classes carried on the platform's topics, each once. */
    public static List<Class<? extends SpecificRecord>> recordTypes() {
        return java.util.Arrays.stream(values()).<Class<? extends SpecificRecord>>map(Topics::recordType).distinct().toList();
    }
}
