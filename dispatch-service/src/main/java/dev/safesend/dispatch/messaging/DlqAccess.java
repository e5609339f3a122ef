package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.domain.DeadLetters.DeadLetter;
import dev.safesend.dispatch.domain.DeadLetters.Header;
import dev.safesend.dispatch.domain.DeadLetters.Ref;
import dev.safesend.dispatch.domain.DeadLetters.Republished;
import dev.safesend.dispatch.domain.DeadLetters.Slice;
import dev.safesend.dispatch.domain.DeadLetters.Source;
import dev.safesend.dispatch.mapping.DeadLetterEventMapper;
import dev.safesend.dispatch.service.DlqService;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Reads dead-letter topics with a short-lived consumer per call ({@code assign}, no group, no commit) and
 * re-publishes chosen records with one producer (acks=all, idempotent) that waits for every acknowledgement.
 * Keys are plain strings and values are handled as bytes, so a poison record is re-driven exactly as it was.
 */
@ApplicationScoped
public class DlqAccess implements DlqService.DeadLetterTopics {

    /** The topics dispatch consumes, each with a {@code <topic>.dlq}. */
    static final Set<Topics> CONSUMED = EnumSet.of(Topics.OUTBOUND_URGENT, Topics.OUTBOUND_BULK, Topics.CONSENT_CHANGES,
            Topics.INBOUND_MESSAGES, Topics.SENDER_HEALTH, Topics.CONTACT_ENGAGEMENT, Topics.CAMPAIGN_EVENTS, Topics.MESSAGE_EVENTS);

    /** Headers that describe the failure that dead-lettered the record, not the record: dropped on re-drive. */
    private static final List<String> FAILURE_HEADER_PREFIXES = List.of("dead-letter-", "deserialization-failure-");

    private static final Duration API_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_BUDGET = Duration.ofSeconds(20);
    private static final Duration SCAN_BUDGET = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    /** A wanted offset at most this far ahead is reached by reading on rather than seeking. */
    private static final long READ_ON_GAP = 500;

    private final String bootstrapServers;
    private final DeadLetterEventMapper mapper;
    private KafkaProducer<String, byte[]> producer;

    public DlqAccess(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, DeadLetterEventMapper mapper) {
        this.bootstrapServers = bootstrapServers;
        this.mapper = mapper;
    }

    @Override
    public Optional<Source> source(String topic) {
        return Arrays.stream(Topics.values()).filter(CONSUMED::contains).filter(t -> t.topicName().equals(topic)).findFirst()
                .map(t -> new Source(t.topicName(), t.dlqName(), t.recordType() == OutboundMessage.class,
                        mapper.carriesMessageId(t.recordType())));
    }

    @Override
    public Slice read(Source source, Map<Integer, Long> from, int limit) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(limit)) {
            List<TopicPartition> partitions = partitions(consumer, source.dlq());
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, API_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, API_TIMEOUT);
            Map<Integer, Long> next = new TreeMap<>();
            for (TopicPartition tp : partitions) {
                next.put(tp.partition(), Math.max(from.getOrDefault(tp.partition(), 0L), begin.get(tp)));
            }
            List<DeadLetter> items = new ArrayList<>();
            Instant deadline = Instant.now().plus(READ_BUDGET);
            for (TopicPartition tp : partitions) {
                long position = next.get(tp.partition());
                long stop = end.get(tp);
                if (items.size() >= limit || position >= stop) {
                    continue;
                }
                consumer.assign(List.of(tp));
                consumer.seek(tp, position);
                while (items.size() < limit && position < stop) {
                    checkDeadline(deadline, source);
                    List<ConsumerRecord<String, byte[]>> polled = consumer.poll(POLL).records(tp);
                    if (polled.isEmpty()) {
                        position = Math.max(position, Math.min(consumer.position(tp), stop)); // past markers and compacted gaps
                    }
                    for (ConsumerRecord<String, byte[]> r : polled) {
                        if (r.offset() >= stop || items.size() >= limit) {
                            break;
                        }
                        items.add(letter(r));
                        position = r.offset() + 1;
                    }
                }
                next.put(tp.partition(), position);
            }
            boolean exhausted = partitions.stream().allMatch(tp -> next.get(tp.partition()) >= end.get(tp));
            return new Slice(items, next, exhausted);
        } catch (KafkaException e) {
            throw unavailable(source, e);
        }
    }

    @Override
    public List<DeadLetter> fetch(Source source, Collection<Ref> refs) {
        Map<Integer, TreeSet<Long>> wanted = new TreeMap<>();
        refs.forEach(r -> wanted.computeIfAbsent(r.partition(), p -> new TreeSet<>()).add(r.offset()));
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(500)) {
            List<TopicPartition> partitions = partitions(consumer, source.dlq()).stream()
                    .filter(tp -> wanted.containsKey(tp.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, API_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, API_TIMEOUT);
            Instant deadline = Instant.now().plus(READ_BUDGET);
            for (TopicPartition tp : partitions) {
                consumer.assign(List.of(tp));
                long position = -1;
                Map<Long, ConsumerRecord<String, byte[]>> window = new HashMap<>();
                for (long target : wanted.get(tp.partition())) {
                    long stop = end.get(tp);
                    if (target < begin.get(tp) || target >= stop) {
                        continue;
                    }
                    if (position <= target) { // not read past it yet: read on if it is near, else seek
                        if (position < 0 || target - position > READ_ON_GAP) {
                            consumer.seek(tp, target);
                            position = target;
                            window.clear();
                        }
                        while (position <= target && position < stop) {
                            checkDeadline(deadline, source);
                            List<ConsumerRecord<String, byte[]>> polled = consumer.poll(POLL).records(tp);
                            for (ConsumerRecord<String, byte[]> r : polled) {
                                window.put(r.offset(), r);
                                position = r.offset() + 1;
                            }
                            if (polled.isEmpty()) {
                                position = Math.max(position, consumer.position(tp));
                            }
                        }
                    }
                    ConsumerRecord<String, byte[]> hit = window.get(target);
                    if (hit != null) {
                        found.add(letter(hit));
                    }
                    window.keySet().removeIf(o -> o <= target);
                }
            }
            return found;
        } catch (KafkaException e) {
            throw unavailable(source, e);
        }
    }

    @Override
    public List<DeadLetter> scan(Source source, Set<String> messageIds) {
        List<DeadLetter> found = new ArrayList<>();
        Predicate<DeadLetter> wanted = l -> l.messageId() != null && messageIds.contains(l.messageId());
        try (KafkaConsumer<String, byte[]> consumer = consumer(500)) {
            List<TopicPartition> partitions = partitions(consumer, source.dlq());
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, API_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, API_TIMEOUT);
            Instant deadline = Instant.now().plus(SCAN_BUDGET);
            for (TopicPartition tp : partitions) {
                long position = begin.get(tp);
                long stop = end.get(tp);
                if (position >= stop) {
                    continue;
                }
                consumer.assign(List.of(tp));
                consumer.seek(tp, position);
                while (position < stop) {
                    checkDeadline(deadline, source);
                    List<ConsumerRecord<String, byte[]>> polled = consumer.poll(POLL).records(tp);
                    for (ConsumerRecord<String, byte[]> r : polled) {
                        if (r.offset() >= stop) {
                            break;
                        }
                        DeadLetter letter = letter(r);
                        if (wanted.test(letter)) {
                            found.add(letter);
                        }
                        position = r.offset() + 1;
                    }
                    if (polled.isEmpty()) {
                        position = Math.max(position, consumer.position(tp));
                    }
                }
            }
            return found;
        } catch (KafkaException e) {
            throw unavailable(source, e);
        }
    }

    @Override
    public List<Republished> republish(Source source, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return List.of();
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            KafkaProducer<String, byte[]> out = producer();
            for (DeadLetter letter : letters) {
                RecordHeaders headers = new RecordHeaders();
                letter.headers().stream()
                        .filter(h -> FAILURE_HEADER_PREFIXES.stream().noneMatch(h.key()::startsWith))
                        .filter(h -> !DlqService.REDRIVEN_FROM_HEADER.equals(h.key()))
                        .forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
                headers.add(DlqService.REDRIVEN_FROM_HEADER, (source.dlq() + "/" + letter.partition() + "/" + letter.offset())
                        .getBytes(StandardCharsets.UTF_8));
                acks.add(out.send(new ProducerRecord<>(source.topic(), null, letter.key(), letter.value(), headers)));
            }
        } catch (KafkaException e) {
            throw unavailable(source, e);
        }
        List<Republished> results = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            DeadLetter letter = letters.get(i);
            try {
                RecordMetadata ack = acks.get(i).get(API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                results.add(new Republished(letter, ack.partition(), ack.offset(), null));
            } catch (ExecutionException e) {
                results.add(new Republished(letter, -1, -1, String.valueOf(e.getCause().getMessage())));
            } catch (TimeoutException e) {
                results.add(new Republished(letter, -1, -1, "no acknowledgement within " + API_TIMEOUT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(new Republished(letter, -1, -1, "interrupted while waiting for the acknowledgement"));
            }
        }
        return results;
    }

    private DeadLetter letter(ConsumerRecord<String, byte[]> r) {
        List<Header> headers = new ArrayList<>();
        r.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
        Optional<DeadLetterEventMapper.Described> described = r.value() == null ? Optional.empty() : mapper.describe(r.topic(), r.value());
        return new DeadLetter(r.partition(), r.offset(), r.key(), Instant.ofEpochMilli(r.timestamp()), headers, r.value(),
                described.map(DeadLetterEventMapper.Described::recordType).orElse(null),
                described.map(DeadLetterEventMapper.Described::messageId).orElse(null),
                described.map(DeadLetterEventMapper.Described::project).orElse(null));
    }

    private KafkaConsumer<String, byte[]> consumer(int maxPollRecords) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, maxPollRecords));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) API_TIMEOUT.toMillis());
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis() + 1_000);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, API_TIMEOUT);
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static void checkDeadline(Instant deadline, Source source) {
        if (Instant.now().isAfter(deadline)) {
            throw new DlqService.DeadLettersUnavailableException("reading " + source.dlq() + " took too long", null);
        }
    }

    private static DlqService.DeadLettersUnavailableException unavailable(Source source, KafkaException e) {
        return new DlqService.DeadLettersUnavailableException("Kafka did not answer for " + source.dlq() + ": " + e.getMessage(), e);
    }
}
