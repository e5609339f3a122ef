package dev.safesend.analytics.mapping;

import dev.safesend.analytics.domain.AudienceSlice;
import dev.safesend.analytics.domain.ConsentSignal;
import dev.safesend.analytics.domain.ContactLink;
import dev.safesend.analytics.domain.Conversion;
import dev.safesend.analytics.domain.InboundReply;
import dev.safesend.analytics.domain.MessageFact;
import dev.safesend.schemas.analytics.ConversionRecorded;
import dev.safesend.schemas.campaign.CampaignAudienceAssigned;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Avro ↔ attribution's domain: the four topics it reads, and the conversions it publishes. */
@ApplicationScoped
public class AttributionEventMapper {

    /** What a status says about a campaign message, or null when it is not one (nothing to store). */
    public MessageFact fact(MessageStatusChanged e) {
        if (!MessageFact.isCampaignMessageId(e.getMessageId())) {
            return null;
        }
        boolean delivered = e.getStatus() == MessageStatus.DELIVERED || e.getStatus() == MessageStatus.READ;
        return new MessageFact(e.getMessageId(), e.getCampaignId(), e.getProject(), e.getRecipient(), e.getRecipientUserId(),
                e.getSenderId(), e.getWamid(), delivered ? e.getStatusAt() : null);
    }

    /** The phone/BSUID link a status names, or null. */
    public ContactLink link(MessageStatusChanged e) {
        return ContactLink.ofPair(e.getRecipient(), e.getRecipientUserId());
    }

    public InboundReply reply(InboundMessageReceived m) {
        if (m.getPhone() == null || m.getReceivedAt() == null) {
            throw new IllegalArgumentException("an inbound message without an address or a time");
        }
        return new InboundReply(m.getEventId(), m.getPhone(), m.getUserId(), m.getContextWamid(), m.getReceivedAt());
    }

    /** A consent record: its key, every linked address, and whether it opted someone out (its occurredAt is when). */
    public ConsentSignal consent(ConsentChanged c) {
        List<String> addresses = new ArrayList<>(c.getAddresses() == null ? List.of() : c.getAddresses());
        if (!addresses.contains(c.getPhone())) {
            addresses.add(c.getPhone());
        }
        boolean optedOut = c.getOptedOut() != null && !c.getOptedOut().isEmpty();
        return new ConsentSignal(c.getEventId(), c.getPhone(), c.getProject(), addresses, optedOut, c.getOccurredAt());
    }

    public Conversion conversion(ConversionRecorded r) {
        return new Conversion(r.getEventId(), r.getProject(), r.getPhone(), r.getKind(),
                r.getValue() == null ? null : BigDecimal.valueOf(r.getValue()), r.getCurrency(), r.getReference(), r.getSource(),
                r.getConvertedAt());
    }

    public ConversionRecorded recorded(Conversion c, Instant now) {
        return ConversionRecorded.newBuilder().setEventId(c.id()).setOccurredAt(now).setPhone(c.address()).setProject(c.project())
                .setKind(c.kind()).setValue(c.value() == null ? null : c.value().doubleValue()).setCurrency(c.currency())
                .setReference(c.reference()).setSource(c.source()).setConvertedAt(c.convertedAt()).build();
    }

    public AudienceSlice slice(CampaignAudienceAssigned a) {
        return new AudienceSlice(a.getCampaignId(), a.getProject(), a.getStartedAt(), List.copyOf(a.getTreated()), List.copyOf(a.getHoldout()));
    }
}
