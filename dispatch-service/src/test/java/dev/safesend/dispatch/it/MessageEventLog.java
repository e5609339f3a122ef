package dev.safesend.dispatch.it;

import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.topic.Topics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Every {@code MessageStatusChanged} published to {@code wa.message-events.v1} from the moment it is opened, by messageId. */
final class MessageEventLog implements AutoCloseable {

    /** What dispatch emits last for a message when no webhook follows (the simulator's webhooks are off in these tests). */
    static final Set<MessageStatus> TERMINAL = Set.of(MessageStatus.SUBMITTED, MessageStatus.FAILED, MessageStatus.SUPPRESSED,
            MessageStatus.EXPIRED, MessageStatus.REJECTED, MessageStatus.UNKNOWN);

    private final Map<String, List<MessageStatusChanged>> byMessageId = new ConcurrentHashMap<>();
    private final TopicTail tail;

    MessageEventLog(String bootstrapServers) {
        AvroDeserializer avro = new AvroDeserializer();
        tail = new TopicTail(bootstrapServers, List.of(Topics.MESSAGE_EVENTS.topicName()), r -> {
            if (avro.deserialize(r.topic(), r.value()) instanceof MessageStatusChanged e && e.getMessageId() != null) {
                byMessageId.computeIfAbsent(e.getMessageId(), k -> new CopyOnWriteArrayList<>()).add(e);
            }
        });
    }

    List<MessageStatusChanged> of(String messageId) {
        return List.copyOf(byMessageId.getOrDefault(messageId, List.of()));
    }

    List<MessageStatusChanged> terminal(String messageId) {
        return of(messageId).stream().filter(e -> TERMINAL.contains(e.getStatus())).toList();
    }

    /** The status of the message's terminal event, or null while it has none. */
    MessageStatus outcome(String messageId) {
        List<MessageStatusChanged> t = terminal(messageId);
        return t.isEmpty() ? null : t.get(0).getStatus();
    }

    boolean allTerminal(Collection<String> messageIds) {
        return messageIds.stream().allMatch(id -> !terminal(id).isEmpty());
    }

    /** How many of the messages ended how ("PENDING" for those without a terminal event yet): the message of a timed-out wait. */
    Map<String, Long> outcomes(Collection<String> messageIds) {
        return messageIds.stream().collect(Collectors.groupingBy(id -> {
            List<MessageStatusChanged> t = terminal(id);
            return t.isEmpty() ? "PENDING" : t.get(0).getStatus() + (t.get(0).getReason() == null ? "" : " " + t.get(0).getReason());
        }, TreeMap::new, Collectors.counting()));
    }

    long count(Collection<String> messageIds, MessageStatus status) {
        return messageIds.stream().filter(id -> terminal(id).stream().anyMatch(e -> e.getStatus() == status)).count();
    }

    @Override
    public void close() {
        tail.close();
    }
}
