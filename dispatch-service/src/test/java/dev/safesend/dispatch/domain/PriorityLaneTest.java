package dev.safesend.dispatch.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityLaneTest {

    /** A queued message: its id, its recipient, its campaign priority (null outside a campaign). */
    private record Msg(String id, String recipient, Integer priority) {
    }

    private static PriorityLane<Msg> lane() {
        return new PriorityLane<>(Msg::priority, Msg::recipient);
    }

    private static List<String> ids(Iterable<Msg> lane) {
        List<String> ids = new ArrayList<>();
        lane.forEach(m -> ids.add(m.id()));
        return ids;
    }

    /** What a scan that takes every message it may take (the oldest waiting of its recipient) would take, in order. */
    private static List<String> takeAll(PriorityLane<Msg> lane) {
        List<String> taken = new ArrayList<>();
        while (!lane.isEmpty()) {
            for (Iterator<Msg> it = lane.iterator(); it.hasNext(); ) {
                Msg m = it.next();
                if (lane.isNextOfItsKey(m)) {
                    it.remove();
                    taken.add(m.id());
                    break;
                }
            }
        }
        return taken;
    }

    @Test
    void p2ComesBeforeP3BeforeP4WhateverTheOrderTheyArrivedIn() {
        PriorityLane<Msg> lane = lane();
        lane.addLast(new Msg("p4", "+1", 4));
        lane.addLast(new Msg("p3", "+2", 3));
        lane.addLast(new Msg("p2", "+3", 2));

        assertThat(ids(lane)).containsExactly("p2", "p3", "p4");
    }

    @Test
    void messagesOfOnePriorityKeepTheirArrivalOrder() {
        PriorityLane<Msg> lane = lane();
        lane.addLast(new Msg("a3", "+1", 3));
        lane.addLast(new Msg("a2", "+2", 2));
        lane.addLast(new Msg("b3", "+3", 3));
        lane.addLast(new Msg("b2", "+4", 2));
        lane.addLast(new Msg("c3", "+5", 3));

        assertThat(ids(lane)).containsExactly("a2", "b2", "a3", "b3", "c3");
    }

    @Test
    void aMessageOutsideACampaignCountsAsP2AndTakesItsTurnAmongThem() {
        PriorityLane<Msg> lane = lane();
        lane.addLast(new Msg("p3", "+1", 3));
        lane.addLast(new Msg("p2", "+2", 2));
        lane.addLast(new Msg("plain", "+3", null));
        lane.addLast(new Msg("p1", "+4", 1));

        assertThat(ids(lane)).containsExactly("p1", "p2", "plain", "p3");
        assertThat(PriorityLane.effective(null)).isEqualTo(2);
    }

    @Test
    void aPriorityOutsideOneToFourIsTakenAsTheNearestOne() {
        assertThat(PriorityLane.effective(0)).isEqualTo(1);
        assertThat(PriorityLane.effective(-7)).isEqualTo(1);
        assertThat(PriorityLane.effective(9)).isEqualTo(4);
        PriorityLane<Msg> lane = lane();
        lane.addLast(new Msg("nine", "+1", 9));
        lane.addLast(new Msg("p4", "+2", 4));
        lane.addLast(new Msg("zero", "+3", 0));

        assertThat(ids(lane)).containsExactly("zero", "nine", "p4");
    }

    @Test
    void aMessagePutBackGoesInFrontOfItsPriorityButBehindHigherOnes() {
        PriorityLane<Msg> lane = lane();
        Msg back = new Msg("back3", "+1", 3);
        lane.addLast(new Msg("a2", "+2", 2));
        lane.addLast(new Msg("a3", "+3", 3));
        lane.addFirst(back);

        assertThat(ids(lane)).containsExactly("a2", "back3", "a3");
    }

    @Test
    void aScanCanRemoveTheMessagesItTakesAndSkipTheOthersWithoutMovingThem() {
        PriorityLane<Msg> lane = lane();
        lane.addLast(new Msg("a3", "+1", 3));
        lane.addLast(new Msg("b2", "+2", 2));
        lane.addLast(new Msg("c4", "+3", 4));
        lane.addLast(new Msg("d2", "+4", 2));

        for (Iterator<Msg> it = lane.iterator(); it.hasNext(); ) {
            if (!it.next().id().startsWith("d")) {
                it.remove();
            }
        }

        assertThat(ids(lane)).containsExactly("d2");
        assertThat(lane).hasSize(1);
        lane.clear();
        assertThat(lane).isEmpty();
    }

    @Test
    void aRecipientsOwnMessagesKeepTheirArrivalOrderAcrossPriorities() {
        PriorityLane<Msg> lane = lane();
        Msg firstToAnn = new Msg("ann-p3", "+1", 3);
        Msg thenToAnn = new Msg("ann-p2", "+1", 2);
        lane.addLast(firstToAnn);
        lane.addLast(new Msg("bob-p3", "+2", 3));
        lane.addLast(thenToAnn);
        lane.addLast(new Msg("cy-p2", "+3", 2));

        assertThat(lane.isNextOfItsKey(thenToAnn)).isFalse();
        assertThat(lane.isNextOfItsKey(firstToAnn)).isTrue();
        assertThat(takeAll(lane)).containsExactly("cy-p2", "ann-p3", "ann-p2", "bob-p3");
    }

    @Test
    void aRecipientsMessagePutBackIsTheirNextAgain() {
        PriorityLane<Msg> lane = lane();
        Msg first = new Msg("first", "+1", 3);
        Msg second = new Msg("second", "+1", 2);
        lane.addLast(first);
        lane.addLast(second);
        Iterator<Msg> it = lane.iterator();
        while (it.hasNext()) {
            if (it.next() == first) {
                it.remove();
            }
        }
        assertThat(lane.isNextOfItsKey(second)).isTrue();

        lane.addFirst(first);

        assertThat(lane.isNextOfItsKey(first)).isTrue();
        assertThat(lane.isNextOfItsKey(second)).isFalse();
    }
}
