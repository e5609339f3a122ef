package dev.safesend.analytics.mapping;

import dev.safesend.analytics.domain.CampaignAttribution;
import dev.safesend.analytics.domain.ConversionJourney;
import dev.safesend.analytics.domain.ConversionRules;
import dev.safesend.analytics.domain.SegmentRanking;
import dev.safesend.analytics.domain.Touch;
import dev.safesend.analytics.domain.Uplift;
import dev.safesend.analytics.rest.AttributionView;
import dev.safesend.analytics.rest.ConversionBody;
import dev.safesend.analytics.rest.JourneyView;
import dev.safesend.analytics.rest.SegmentView;
import dev.safesend.servicekit.identity.Addresses;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/** Attribution's REST views ↔ domain; addresses are masked ({@link Addresses#mask}) unless the caller sees them whole. */
@ApplicationScoped
public class AttributionApiMapper {

    public ConversionRules.Request toRequest(ConversionBody b, String project, String idempotencyKey) {
        ConversionBody body = b == null ? new ConversionBody(null, null, null, null, null, null, null, null) : b;
        return new ConversionRules.Request(project, body.contact(), body.type(), body.value(), body.currency(), body.occurredAt(),
                body.source(), body.reference(), idempotencyKey);
    }

    public AttributionView toView(CampaignAttribution a) {
        Uplift u = a.uplift();
        return new AttributionView(a.campaignId(), a.replied(), a.replyRate(), a.firstResponseP50Seconds(), a.firstResponseP90Seconds(),
                a.optOuts(), a.conversions(), a.conversionValue(), group(a.treated()), group(a.holdout()),
                u == null ? null : new AttributionView.UpliftView(u.difference(), u.ci95Low(), u.ci95High()));
    }

    public SegmentView toView(String by, List<SegmentRanking.Segment> segments) {
        return new SegmentView(by.toLowerCase(Locale.ROOT), segments.stream().map(this::row).toList());
    }

    public SegmentView.Row row(SegmentRanking.Segment s) {
        return new SegmentView.Row(s.segment(), s.contacts(), s.converted(), s.rate(), s.conversionValue());
    }

    public JourneyView toView(String address, List<ConversionJourney> journeys, boolean whole) {
        return new JourneyView(mask(address, whole), journeys.stream().map(j -> new JourneyView.ConversionView(
                j.conversion().id(), j.conversion().project(), mask(j.conversion().address(), whole), j.conversion().kind(),
                j.conversion().value(), j.conversion().currency(), j.conversion().reference(), j.conversion().source(),
                j.conversion().convertedAt(), j.lastTouch() == null ? null : touch(j.lastTouch(), whole),
                j.journey().stream().map(t -> touch(t, whole)).toList())).toList());
    }

    private static JourneyView.TouchView touch(Touch t, boolean whole) {
        return new JourneyView.TouchView(t.campaignId(), t.messageId(), t.recipient() == null ? null : mask(t.recipient(), whole), t.wamid(),
                t.senderId(), t.deliveredAt());
    }

    private static AttributionView.Group group(Uplift.Group g) {
        return new AttributionView.Group(g.contacts(), g.converted(), g.rate());
    }

    private static String mask(String address, boolean whole) {
        return whole ? address : Addresses.mask(address);
    }
}
