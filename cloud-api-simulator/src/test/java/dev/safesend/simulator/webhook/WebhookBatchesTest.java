package dev.safesend.simulator.webhook;

import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.MessageStatus;
import dev.safesend.simulator.domain.StatusUpdate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBatchesTest {

    private static final Instant AT = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void statusesOfOneNumberAreCutIntoPostsOfAtMostMaxBatch() {
        List<WebhookUpdate> due = IntStream.range(0, 250).mapToObj(i -> status("111", "w" + i)).map(u -> (WebhookUpdate) u)
                .toList();

        List<List<WebhookUpdate>> batches = WebhookBatches.group(due, 100);

        assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.get(0).get(0)).isEqualTo(due.get(0));
        assertThat(batches.get(2).get(49)).isEqualTo(due.get(249));
    }

    @Test
    void numbersAreNeverMixedAndOtherUpdatesGoAlone() {
        List<WebhookUpdate> due = new ArrayList<>();
        due.add(status("111", "a1"));
        due.add(status("222", "b1"));
        due.add(new WebhookUpdate.Inbound(new InboundMessage("111", "263771234567", "Sim", "wamid.in", AT, "hi", null,
                null, null)));
        due.add(status("111", "a2"));
        due.add(new WebhookUpdate.AccountChange(null, "account_update", "{}", AT));

        List<List<WebhookUpdate>> batches = WebhookBatches.group(due, 100);

        assertThat(batches).hasSize(4);
        assertThat(batches).filteredOn(batch -> batch.get(0) instanceof WebhookUpdate.Status)
                .extracting(batch -> batch.stream().map(u -> ((WebhookUpdate.Status) u).status().wamid()).toList())
                .containsExactlyInAnyOrder(List.of("a1", "a2"), List.of("b1"));
        assertThat(batches).filteredOn(batch -> !(batch.get(0) instanceof WebhookUpdate.Status)).allSatisfy(
                batch -> assertThat(batch).hasSize(1));
    }

    private static WebhookUpdate.Status status(String phoneNumberId, String wamid) {
        return new WebhookUpdate.Status(new StatusUpdate(phoneNumberId, wamid, MessageStatus.SENT, AT, "263771234567",
                null, null, null, null, null));
    }
}
