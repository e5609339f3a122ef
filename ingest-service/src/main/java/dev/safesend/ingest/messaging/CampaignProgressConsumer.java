package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.campaign.CampaignMessages;
import dev.safesend.ingest.mapping.CampaignEventMapper;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import dev.safesend.ingest.service.CampaignProgress;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * wa.message-events.v1 → campaign progress, and wa.inbound-messages.v1 → campaign replies. Records arrive in batches; only campaign messages (name-based ids) are
 * looked at, and a batch's changes are applied in one statement. Statuses move a recipient only forward, so a
 * redelivered batch or a READ before its DELIVERED changes nothing. An undecodable record is skipped here: the
 * topic's other consumers dead-letter it, and progress has nothing to learn from it.
 */
@ApplicationScoped
public class CampaignProgressConsumer {

    private static final String EVENT_TYPE = "MessageStatusChanged";

    private final CampaignProgress progress;
    private final CampaignEventMapper mapper;
    private final MeterRegistry metrics;

    public CampaignProgressConsumer(CampaignProgress progress, CampaignEventMapper mapper, MeterRegistry metrics) {
        this.progress = progress;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("campaign-progress-in")
    @Blocking
    public CompletionStage<Void> onMessageStatusChanged(KafkaRecordBatch<String, MessageStatusChanged> batch) {
        Timer.Sample sample = Timer.start(metrics);
        List<CampaignRecipientRepository.StatusChange> changes = new ArrayList<>();
        int skipped = 0;
        for (KafkaRecord<String, MessageStatusChanged> record : batch) {
            MessageStatusChanged e = record.getPayload();
            if (e == null || !CampaignMessages.isCampaignMessageId(e.getMessageId())) {
                skipped++;
                continue;
            }
            mapper.progress(e).ifPresent(changes::add);
        }
        progress.apply(changes);
        count("success", changes.size());
        count("skipped", skipped);
        sample.stop(metrics.timer(IngestMetrics.MESSAGE_PROCESSING, "event.type", EVENT_TYPE));
        return batch.ack();
    }

    /** wa.inbound-messages.v1 → replies: a message quoting one of ours (context wamid) marks its recipient as replied. */
    @Incoming("campaign-replies-in")
    @Blocking
    public CompletionStage<Void> onInboundMessageReceived(KafkaRecordBatch<String, InboundMessageReceived> batch) {
        List<CampaignRecipientRepository.Reply> replies = new ArrayList<>();
        for (KafkaRecord<String, InboundMessageReceived> record : batch) {
            if (record.getPayload() != null) {
                mapper.reply(record.getPayload()).ifPresent(replies::add);
            }
        }
        progress.replied(replies);
        if (!replies.isEmpty()) {
            metrics.counter(IngestMetrics.MESSAGES_PROCESSED, "event.type", "InboundMessageReceived", "outcome", "success")
                    .increment(replies.size());
        }
        return batch.ack();
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            metrics.counter(IngestMetrics.MESSAGES_PROCESSED, "event.type", EVENT_TYPE, "outcome", outcome).increment(n);
        }
    }
}
