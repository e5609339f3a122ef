package dev.safesend.simulator.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the updates that fell due together into POST bodies: updates sharing a batch key (statuses
 * of one business number) go together, at most {@code maxBatch} per POST, in due order; other
 * updates go alone.
 */
final class WebhookBatches {

    private WebhookBatches() {
    }

    static List<List<WebhookUpdate>> group(List<WebhookUpdate> due, int maxBatch) {
        List<List<WebhookUpdate>> batches = new ArrayList<>();
        Map<String, List<WebhookUpdate>> open = new LinkedHashMap<>();
        for (WebhookUpdate update : due) {
            String key = update.batchKey();
            if (key == null) {
                batches.add(List.of(update));
                continue;
            }
            List<WebhookUpdate> group = open.computeIfAbsent(key, k -> new ArrayList<>());
            group.add(update);
            if (group.size() == maxBatch) {
                batches.add(List.copyOf(group));
                group.clear();
            }
        }
        open.values().stream().filter(group -> !group.isEmpty()).forEach(group -> batches.add(List.copyOf(group)));
        return batches;
    }
}
