package dev.safesend.analytics.repository;

import dev.safesend.analytics.domain.AudienceSlice;
import dev.safesend.analytics.domain.Conversion;
import dev.safesend.analytics.domain.ReplyAttribution;
import dev.safesend.analytics.domain.Touch;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.safesend.analytics.repository.SqlArrays.text;
import static dev.safesend.analytics.repository.SqlArrays.times;

/**
 * What attribution records: replies and opt-outs with the campaign message they answer (analytics.attribution_reply,
 * attribution_opt_out), conversions with their last touch and journey (conversion, conversion_touch), and campaigns'
 * treatment and holdout groups (campaign_audience, campaign_assignment). Each write is one set-based statement per table
 * for a whole consumer batch, and idempotent: a redelivered record (same event id, same conversion id, same campaign
 * and address) changes nothing.
 */
@ApplicationScoped
public class AttributionRepository {

    /** A reply or an opt-out, attributed ({@code result.touch()} null: unattributed). */
    public record Attributed(String eventId, String contact, String project, Instant at, ReplyAttribution.Result result) {
    }

    /** A conversion, its contact key, and the last-touch attribution of its window. */
    public record AttributedConversion(Conversion conversion, String contact, Touch lastTouch, List<Touch> journey) {
    }

    private final AgroalDataSource dataSource;

    public AttributionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return how many were new (a redelivered reply is skipped) */
    public int replies(List<Attributed> replies) {
        if (replies.isEmpty()) {
            return 0;
        }
        Map<String, Attributed> once = once(replies);
        List<Attributed> rows = List.copyOf(once.values());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO attribution_reply (event_id, contact, received_at, basis, campaign_id, message_id, project, delivered_at)
                     SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[],
                                          ?::varchar[], ?::timestamptz[])
                     ON CONFLICT (event_id) DO NOTHING""")) {
            s.setArray(1, text(c, rows.stream().map(Attributed::eventId).toList()));
            s.setArray(2, text(c, rows.stream().map(Attributed::contact).toList()));
            s.setArray(3, times(c, rows.stream().map(Attributed::at).toList()));
            s.setArray(4, text(c, rows.stream().map(r -> r.result().basis().name()).toList()));
            s.setArray(5, text(c, rows.stream().map(r -> touch(r) == null ? null : touch(r).campaignId()).toList()));
            s.setArray(6, text(c, rows.stream().map(r -> touch(r) == null ? null : touch(r).messageId()).toList()));
            s.setArray(7, text(c, rows.stream().map(r -> touch(r) == null ? null : touch(r).project()).toList()));
            s.setArray(8, times(c, rows.stream().map(r -> touch(r) == null ? null : touch(r).deliveredAt()).toList()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record replies: " + e.getMessage(), e);
        }
    }

    /** @return how many were new */
    public int optOuts(List<Attributed> optOuts) {
        if (optOuts.isEmpty()) {
            return 0;
        }
        List<Attributed> rows = List.copyOf(once(optOuts).values());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO attribution_opt_out (event_id, contact, project, opted_out_at, campaign_id, message_id)
                     SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[])
                     ON CONFLICT (event_id) DO NOTHING""")) {
            s.setArray(1, text(c, rows.stream().map(Attributed::eventId).toList()));
            s.setArray(2, text(c, rows.stream().map(Attributed::contact).toList()));
            s.setArray(3, text(c, rows.stream().map(Attributed::project).toList()));
            s.setArray(4, times(c, rows.stream().map(Attributed::at).toList()));
            s.setArray(5, text(c, rows.stream().map(r -> touch(r) == null ? null : touch(r).campaignId()).toList()));
            s.setArray(6, text(c, rows.stream().map(r -> touch(r) == null ? null : touch(r).messageId()).toList()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record opt-outs: " + e.getMessage(), e);
        }
    }

    /**
     * Records the conversions not yet known and the journeys of those only, in one transaction.
     * @return how many were new (a conversion id already recorded is a retried POST or a redelivery: skipped)
     */
    public int conversions(List<AttributedConversion> conversions) {
        if (conversions.isEmpty()) {
            return 0;
        }
        Map<String, AttributedConversion> once = new LinkedHashMap<>();
        conversions.forEach(a -> once.putIfAbsent(a.conversion().id(), a));
        List<AttributedConversion> rows = List.copyOf(once.values());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> fresh = new HashSet<>();
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO conversion (conversion_id, project, address, contact, kind, value, currency, reference, source,
                                                converted_at, campaign_id, message_id, touched_at)
                        SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[],
                                             ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[],
                                             ?::timestamptz[])
                        ON CONFLICT (conversion_id) DO NOTHING
                        RETURNING conversion_id""")) {
                    s.setArray(1, text(c, rows.stream().map(r -> r.conversion().id()).toList()));
                    s.setArray(2, text(c, rows.stream().map(r -> r.conversion().project()).toList()));
                    s.setArray(3, text(c, rows.stream().map(r -> r.conversion().address()).toList()));
                    s.setArray(4, text(c, rows.stream().map(AttributedConversion::contact).toList()));
                    s.setArray(5, text(c, rows.stream().map(r -> r.conversion().kind()).toList()));
                    s.setArray(6, c.createArrayOf("numeric", rows.stream().map(r -> r.conversion().value()).toArray(BigDecimal[]::new)));
                    s.setArray(7, text(c, rows.stream().map(r -> r.conversion().currency()).toList()));
                    s.setArray(8, text(c, rows.stream().map(r -> r.conversion().reference()).toList()));
                    s.setArray(9, text(c, rows.stream().map(r -> r.conversion().source()).toList()));
                    s.setArray(10, times(c, rows.stream().map(r -> r.conversion().convertedAt()).toList()));
                    s.setArray(11, text(c, rows.stream().map(r -> r.lastTouch() == null ? null : r.lastTouch().campaignId()).toList()));
                    s.setArray(12, text(c, rows.stream().map(r -> r.lastTouch() == null ? null : r.lastTouch().messageId()).toList()));
                    s.setArray(13, times(c, rows.stream().map(r -> r.lastTouch() == null ? null : r.lastTouch().deliveredAt()).toList()));
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            fresh.add(r.getString(1));
                        }
                    }
                }
                List<String> ids = new ArrayList<>();
                List<Integer> positions = new ArrayList<>();
                List<Touch> touches = new ArrayList<>();
                for (AttributedConversion a : rows) {
                    if (fresh.contains(a.conversion().id())) {
                        for (int i = 0; i < a.journey().size(); i++) {
                            ids.add(a.conversion().id());
                            positions.add(i + 1);
                            touches.add(a.journey().get(i));
                        }
                    }
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement("""
                            INSERT INTO conversion_touch (conversion_id, position, message_id, campaign_id, recipient, wamid, sender_id, delivered_at)
                            SELECT * FROM unnest(?::varchar[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                                                 ?::varchar[], ?::timestamptz[])""")) {
                        s.setArray(1, text(c, ids));
                        s.setArray(2, c.createArrayOf("int4", positions.toArray()));
                        s.setArray(3, text(c, touches.stream().map(Touch::messageId).toList()));
                        s.setArray(4, text(c, touches.stream().map(Touch::campaignId).toList()));
                        s.setArray(5, text(c, touches.stream().map(Touch::recipient).toList()));
                        s.setArray(6, text(c, touches.stream().map(Touch::wamid).toList()));
                        s.setArray(7, text(c, touches.stream().map(Touch::senderId).toList()));
                        s.setArray(8, times(c, touches.stream().map(Touch::deliveredAt).toList()));
                        s.executeUpdate();
                    }
                }
                c.commit();
                return fresh.size();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record conversions: " + e.getMessage(), e);
        }
    }

    /** Records campaigns' starts and their members' groups; a member already assigned keeps its group. */
    public int assignments(List<AudienceSlice> slices) {
        if (slices.isEmpty()) {
            return 0;
        }
        List<String> campaigns = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        List<Boolean> holdouts = new ArrayList<>();
        Map<String, AudienceSlice> starts = new LinkedHashMap<>();
        for (AudienceSlice s : slices) {
            starts.putIfAbsent(s.campaignId(), s);
            s.treated().forEach(a -> { campaigns.add(s.campaignId()); addresses.add(a); holdouts.add(false); });
            s.holdout().forEach(a -> { campaigns.add(s.campaignId()); addresses.add(a); holdouts.add(true); });
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO campaign_audience (campaign_id, project, started_at)
                        SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[]) ON CONFLICT (campaign_id) DO NOTHING""")) {
                    List<AudienceSlice> first = List.copyOf(starts.values());
                    s.setArray(1, text(c, first.stream().map(AudienceSlice::campaignId).toList()));
                    s.setArray(2, text(c, first.stream().map(AudienceSlice::project).toList()));
                    s.setArray(3, times(c, first.stream().map(AudienceSlice::startedAt).toList()));
                    s.executeUpdate();
                }
                int added;
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO campaign_assignment (campaign_id, address, holdout)
                        SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::boolean[]) ON CONFLICT (campaign_id, address) DO NOTHING""")) {
                    s.setArray(1, text(c, campaigns));
                    s.setArray(2, text(c, addresses));
                    s.setArray(3, c.createArrayOf("bool", holdouts.toArray()));
                    added = s.executeUpdate();
                }
                c.commit();
                return added;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record campaign assignments: " + e.getMessage(), e);
        }
    }

    private static Touch touch(Attributed a) {
        return a.result().touch();
    }

    private static Map<String, Attributed> once(List<Attributed> rows) {
        Map<String, Attributed> once = new LinkedHashMap<>();
        rows.forEach(r -> once.putIfAbsent(r.eventId(), r));
        return once;
    }
}
