package dev.safesend.dispatch.domain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SenderLanesTest {

    /** A queued message: its id, its lane, its recipient, its campaign priority (null outside a campaign). */
    private record Msg(String id, boolean urgent, String recipient, Integer priority) {
    }

    /** Messages whose record was taken away from this instance. */
    private final Set<String> staleIds = new HashSet<>();

    private SenderLanes<Msg> lanes() {
        return new SenderLanes<>(Msg::urgent, Msg::priority, Msg::recipient, m -> staleIds.contains(m.id()));
    }

    private static Msg urgent(String id, String recipient) {
        return new Msg(id, true, recipient, null);
    }

    private static Msg bulk(String id, String recipient, Integer priority) {
        return new Msg(id, false, recipient, priority);
    }

    private static List<String> ids(List<Msg> batch) {
        return batch.stream().map(Msg::id).toList();
    }

    private static SenderLanes<Msg> admitted(SenderLanes<Msg> lanes, Msg... messages) {
        for (Msg m : messages) {
            lanes.offer(m);
        }
        lanes.admitArrivals();
        return lanes;
    }

    @Test
    void anOfferedMessageWaitsUntilItsArrivalIsAdmitted() {
        SenderLanes<Msg> lanes = lanes();
        lanes.offer(urgent("u1", "+1"));

        assertThat(lanes.isEmpty()).isTrue();
        assertThat(lanes.pick(10, 10)).isEmpty();

        lanes.admitArrivals();
        assertThat(ids(lanes.pick(10, 10))).containsExactly("u1");
    }

    @Test
    void urgentMessagesAreTakenBeforeBulkOnesWhateverTheirArrival() {
        SenderLanes<Msg> lanes = admitted(lanes(), bulk("b1", "+1", 1), urgent("u1", "+2"), bulk("b2", "+3", null), urgent("u2", "+4"));

        assertThat(ids(lanes.pick(10, 10))).containsExactly("u1", "u2", "b1", "b2");
    }

    @Test
    void theBulkLaneIsTakenByPriorityThenArrival() {
        SenderLanes<Msg> lanes = admitted(lanes(), bulk("p4", "+1", 4), bulk("p2", "+2", 2), bulk("p1", "+3", 1), bulk("none", "+4", null));

        assertThat(ids(lanes.pick(10, 10))).containsExactly("p1", "p2", "none", "p4");
    }

    @Test
    void aBatchHoldsOneMessagePerRecipientAndTheNextWaitsForTheNextPick() {
        SenderLanes<Msg> lanes = admitted(lanes(), urgent("u1", "+1"), urgent("u2", "+1"), bulk("b1", "+1", 1), bulk("b2", "+2", 1));

        assertThat(ids(lanes.pick(10, 10))).containsExactly("u1", "b2");
        assertThat(ids(lanes.pick(10, 10))).containsExactly("u2");
        assertThat(ids(lanes.pick(10, 10))).containsExactly("b1");
    }

    @Test
    void aBusyRecipientIsPassedOverUntilTheirCallIsAnswered() {
        SenderLanes<Msg> lanes = admitted(lanes(), urgent("u1", "+1"), bulk("b1", "+2", 2));
        lanes.recipientBusy("+1");

        assertThat(ids(lanes.pick(10, 10))).containsExactly("b1");
        assertThat(lanes.pick(10, 10)).isEmpty();

        lanes.recipientFree("+1");
        assertThat(ids(lanes.pick(10, 10))).containsExactly("u1");
    }

    @Test
    void priorityNeverReordersOneRecipientsOwnBulkMessages() {
        SenderLanes<Msg> lanes = admitted(lanes(), bulk("mine-p3", "+1", 3), bulk("mine-p1", "+1", 1), bulk("theirs-p2", "+2", 2));

        assertThat(ids(lanes.pick(10, 10))).containsExactly("theirs-p2", "mine-p3");
        assertThat(ids(lanes.pick(10, 10))).containsExactly("mine-p1");
    }

    @Test
    void aPickTakesNoMoreThanAskedAndNoMoreBulkThanItsRoom() {
        SenderLanes<Msg> lanes = admitted(lanes(), urgent("u1", "+1"), urgent("u2", "+2"),
                bulk("b1", "+3", 2), bulk("b2", "+4", 2), bulk("b3", "+5", 2));

        assertThat(ids(lanes.pick(3, 10))).containsExactly("u1", "u2", "b1");
        assertThat(ids(lanes.pick(10, 1))).containsExactly("b2");
        assertThat(lanes.pick(10, 0)).isEmpty();
        assertThat(lanes.pick(10, -5)).isEmpty();
        assertThat(ids(lanes.pick(10, 1))).containsExactly("b3");
    }

    @Test
    void urgentMessagesAreTakenEvenWhenBulkHasNoRoom() {
        SenderLanes<Msg> lanes = admitted(lanes(), bulk("b1", "+1", 2), urgent("u1", "+2"));

        assertThat(ids(lanes.pick(10, 0))).containsExactly("u1");
    }

    @Test
    void aStaleMessageMetOnTheWayIsDroppedAndNoLongerCountsAsWaiting() {
        SenderLanes<Msg> lanes = lanes();
        List<Msg> many = IntStream.range(0, 250).mapToObj(i -> bulk("b" + i, "+" + i, 2)).toList();
        many.forEach(lanes::offer);
        lanes.admitArrivals();
        assertThat(lanes.saturated(false, 1, 2)).isTrue();

        many.stream().limit(100).forEach(m -> staleIds.add(m.id()));
        List<Msg> batch = lanes.pick(1, 10);

        assertThat(ids(batch)).containsExactly("b100");
        assertThat(lanes.saturated(false, 1, 2)).as("149 waiting").isFalse();
    }

    @Test
    void aMessagePutBackIsTakenFirstAgain() {
        SenderLanes<Msg> lanes = admitted(lanes(), urgent("u1", "+1"), urgent("u2", "+2"), bulk("b1", "+3", 1), bulk("b2", "+4", 3));
        List<Msg> taken = lanes.pick(10, 10);
        assertThat(ids(taken)).containsExactly("u1", "u2", "b1", "b2");
        lanes.offer(bulk("b3", "+5", 3));
        lanes.admitArrivals();

        for (int i = taken.size() - 1; i >= 0; i--) {
            lanes.putFirst(taken.get(i));
        }

        assertThat(ids(lanes.pick(10, 10))).containsExactly("u1", "u2", "b1", "b2", "b3");
    }

    @Test
    void takeAllEmptiesBothLanesUrgentFirstAndDropsTheStale() {
        SenderLanes<Msg> lanes = admitted(lanes(), bulk("b1", "+1", 3), urgent("u1", "+2"), bulk("b2", "+3", 1), urgent("u2", "+4"));
        staleIds.add("u2");

        assertThat(ids(lanes.takeAll())).containsExactly("u1", "b2", "b1");
        assertThat(lanes.isEmpty()).isTrue();
        lanes.recordDepths();
        assertThat(lanes.urgentDepth()).isZero();
        assertThat(lanes.bulkDepth()).isZero();
    }

    @Test
    void aLaneIsSaturatedFromTwoHundredWaitingOrWhatItsSenderSendsInTheQueueTime() {
        SenderLanes<Msg> lanes = lanes();
        IntStream.range(0, 199).forEach(i -> lanes.offer(bulk("b" + i, "+" + i, null)));
        assertThat(lanes.saturated(false, 10, 2)).isFalse();

        lanes.offer(bulk("b199", "+199", null));
        assertThat(lanes.saturated(false, 10, 2)).as("200 waiting, not yet admitted").isTrue();
        assertThat(lanes.saturated(true, 10, 2)).as("the urgent lane is counted apart").isFalse();
        assertThat(lanes.saturated(false, 1000, 2)).as("a fast sender may hold 2 s of its rate").isFalse();

        lanes.admitArrivals();
        lanes.pick(1, 1);
        assertThat(lanes.saturated(false, 10, 2)).as("one taken").isFalse();
    }

    @Test
    void theDepthsAreThoseRecordedAtTheEndOfATurn() {
        SenderLanes<Msg> lanes = admitted(lanes(), urgent("u1", "+1"), bulk("b1", "+2", 2), bulk("b2", "+3", 2));
        assertThat(lanes.urgentDepth()).isZero();

        lanes.recordDepths();
        assertThat(lanes.urgentDepth()).isEqualTo(1);
        assertThat(lanes.bulkDepth()).isEqualTo(2);

        lanes.pick(2, 10);
        lanes.recordDepths();
        assertThat(lanes.urgentDepth()).isZero();
        assertThat(lanes.bulkDepth()).isEqualTo(1);
    }

    @Test
    void aPickLooksAtNoMoreThanTheScanLimitOfALane() {
        SenderLanes<Msg> lanes = lanes();
        IntStream.range(0, SenderLanes.SCAN_LIMIT).forEach(i -> lanes.offer(urgent("busy" + i, "+busy")));
        lanes.offer(urgent("free", "+free"));
        lanes.admitArrivals();
        lanes.recipientBusy("+busy");

        assertThat(lanes.pick(10, 10)).as("the free recipient sits behind 512 busy ones").isEmpty();
    }
}
