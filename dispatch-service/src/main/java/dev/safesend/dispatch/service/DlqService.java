package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.DeadLetters.DeadLetter;
import dev.safesend.dispatch.domain.DeadLetters.FailedRedrive;
import dev.safesend.dispatch.domain.DeadLetters.NotFound;
import dev.safesend.dispatch.domain.DeadLetters.Page;
import dev.safesend.dispatch.domain.DeadLetters.RedriveReport;
import dev.safesend.dispatch.domain.DeadLetters.Ref;
import dev.safesend.dispatch.domain.DeadLetters.Republished;
import dev.safesend.dispatch.domain.DeadLetters.Skipped;
import dev.safesend.dispatch.domain.DeadLetters.Slice;
import dev.safesend.dispatch.domain.DeadLetters.Source;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import dev.safesend.servicekit.tenancy.ProjectScope;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The operators' view of the dead-letter topics of everything dispatch consumes: list what is there, and re-drive
 * chosen records to the topic they came from. Kafka cannot delete a record, so a re-driven record stays in the DLQ;
 * its copy carries {@code safesend-redriven-from: <dlq>/<partition>/<offset>}. For the outbound lanes a FAILED send
 * ledger row is released first so the message may be sent again; a message the ledger holds as sent (or being sent)
 * is not re-driven, so a re-drive never causes a duplicate send.
 * <p>
 * Tenancy: a record belongs to the project it names ({@code project} field of its value). A caller limited to some
 * projects sees only their records (a page may then hold fewer than {@code limit}) and may re-drive only them: a
 * selection that takes in any other record, or one naming no project, is refused whole and nothing is re-published.
 */
@ApplicationScoped
public class DlqService {

    public static final int MAX_PAGE = 500;
    public static final int MAX_REDRIVE = 1_000;
    public static final String REDRIVEN_FROM_HEADER = "safesend-redriven-from";

    private final DeadLetterTopics topics;
    private final SendLedgerRepository ledger;

    public DlqService(DeadLetterTopics topics, SendLedgerRepository ledger) {
        this.topics = topics;
        this.ledger = ledger;
    }

    /** A page of {@code <topic>.dlq}, in partition then offset order: the records {@code scope} may see. */
    public Page list(String topic, String cursor, int limit, ProjectScope scope) {
        Source source = source(topic);
        Slice slice = topics.read(source, decodeCursor(cursor), Math.min(limit, MAX_PAGE));
        List<DeadLetter> visible = slice.items().stream().filter(l -> scope.allows(l.project())).toList();
        return new Page(visible, slice.exhausted() ? null : encodeCursor(slice.next()));
    }

    /** Re-publishes the DLQ records at these positions; positions that hold no record are reported, not refused. */
    public RedriveReport redriveRecords(String topic, Collection<Ref> refs, ProjectScope scope) {
        Source source = source(topic);
        Set<Ref> wanted = new LinkedHashSet<>(refs);
        List<DeadLetter> found = topics.fetch(source, wanted);
        requireAllowed(found, scope);
        Set<Ref> present = found.stream().map(DeadLetter::ref).collect(Collectors.toSet());
        List<NotFound> notFound = wanted.stream().filter(r -> !present.contains(r))
                .map(r -> new NotFound(r.partition(), r.offset(), null)).toList();
        return redrive(source, found, notFound);
    }

    /** Re-publishes, for each message id, its latest record in the DLQ (a message dead-lettered twice goes once). */
    public RedriveReport redriveMessages(String topic, Collection<String> messageIds, ProjectScope scope) {
        Source source = source(topic);
        if (!source.carriesMessageIds()) {
            throw new SelectionRejected("messageIds", "not_supported",
                    "records of " + topic + " carry no messageId; select them by partition and offset");
        }
        Set<String> wanted = new LinkedHashSet<>(messageIds);
        Map<String, DeadLetter> latest = new LinkedHashMap<>();
        topics.scan(source, wanted).stream()
                .sorted(Comparator.comparing(DeadLetter::timestamp).thenComparing(DeadLetter::partition).thenComparing(DeadLetter::offset))
                .forEach(letter -> latest.put(letter.messageId(), letter));
        List<NotFound> notFound = wanted.stream().filter(id -> !latest.containsKey(id)).map(id -> new NotFound(null, null, id)).toList();
        List<DeadLetter> found = wanted.stream().filter(latest::containsKey).map(latest::get).toList();
        requireAllowed(found, scope);
        return redrive(source, found, notFound);
    }

    private RedriveReport redrive(Source source, List<DeadLetter> found, List<NotFound> notFound) {
        List<DeadLetter> toPublish = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (DeadLetter letter : found) {
            if (source.outbound() && letter.messageId() != null) {
                SendLedgerRepository.Release release = ledger.releaseFailed(letter.messageId());
                if (release.kept()) {
                    skipped.add(new Skipped(letter, "already submitted", release.state()));
                    continue;
                }
            }
            toPublish.add(letter);
        }
        List<Republished> redriven = new ArrayList<>();
        List<FailedRedrive> failed = new ArrayList<>();
        for (Republished r : topics.republish(source, toPublish)) {
            if (r.error() == null) {
                redriven.add(r);
                Log.infof("redrove topic=%s partition=%d offset=%d messageId=%s to partition=%d offset=%d", source.dlq(),
                        r.from().partition(), r.from().offset(), r.from().messageId(), r.partition(), r.offset());
            } else {
                failed.add(new FailedRedrive(r.from(), r.error()));
                Log.warnf("redrive not acknowledged topic=%s partition=%d offset=%d: %s", source.dlq(), r.from().partition(),
                        r.from().offset(), r.error());
            }
        }
        return new RedriveReport(redriven, skipped, notFound, failed);
    }

    private static void requireAllowed(List<DeadLetter> selected, ProjectScope scope) {
        for (DeadLetter letter : selected) {
            if (!scope.allows(letter.project())) {
                throw new ProjectNotAllowed(letter);
            }
        }
    }

    private Source source(String topic) {
        return topics.source(topic).orElseThrow(() -> new UnknownTopicException(topic));
    }

    static String encodeCursor(Map<Integer, Long> next) {
        String plain = next.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Map<Integer, Long> decodeCursor(String cursor) {
        Map<Integer, Long> next = new TreeMap<>();
        if (cursor == null || cursor.isBlank()) {
            return next;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            for (String part : plain.split(",")) {
                String[] po = part.split(":");
                if (po.length != 2) {
                    throw new IllegalArgumentException(part);
                }
                int partition = Integer.parseInt(po[0]);
                long offset = Long.parseLong(po[1]);
                if (partition < 0 || offset < 0) {
                    throw new IllegalArgumentException(part);
                }
                next.put(partition, offset);
            }
            return next;
        } catch (IllegalArgumentException e) {
            throw new SelectionRejected("cursor", "invalid_cursor", "the cursor is not one this API handed out");
        }
    }

    /**
     * The dead-letter topics as Kafka holds them (implemented in messaging). Every read uses its own short-lived
     * consumer with assigned partitions: no group, nothing committed.
     */
    public interface DeadLetterTopics {

        /** The consumed topic of that name, empty when dispatch does not consume it. */
        Optional<Source> source(String topic);

        /** Up to {@code limit} records from the given positions (absent partitions from their beginning). */
        Slice read(Source source, Map<Integer, Long> from, int limit);

        /** The records at these positions; positions without a record are left out. */
        List<DeadLetter> fetch(Source source, Collection<Ref> refs);

        /** Every record of the DLQ whose value carries one of these message ids. */
        List<DeadLetter> scan(Source source, Set<String> messageIds);

        /**
         * Publishes each record's key, value and headers (without the dead-letter headers, with
         * {@value #REDRIVEN_FROM_HEADER}) to {@code source.topic()} with acks=all and waits for every acknowledgement.
         */
        List<Republished> republish(Source source, List<DeadLetter> letters);
    }

    /** The topic is not one dispatch consumes, so it has no DLQ here. */
    public static class UnknownTopicException extends RuntimeException {
        public UnknownTopicException(String topic) {
            super("dispatch consumes no topic '" + topic + "'");
        }
    }

    /** A selected record belongs to a project outside the caller's token (or to none); nothing was re-driven. */
    public static class ProjectNotAllowed extends RuntimeException {
        private final String project;

        public ProjectNotAllowed(DeadLetter letter) {
            super("record " + letter.partition() + "/" + letter.offset() + " belongs to "
                    + (letter.project() == null ? "no project" : "project '" + letter.project() + "'"));
            this.project = letter.project();
        }

        /** Null when the record names no project. */
        public String project() {
            return project;
        }
    }

    /** A selection or cursor the DLQ cannot serve. */
    public static class SelectionRejected extends RuntimeException {
        private final String field;
        private final String code;

        public SelectionRejected(String field, String code, String message) {
            super(message);
            this.field = field;
            this.code = code;
        }

        public String field() {
            return field;
        }

        public String code() {
            return code;
        }
    }

    /** Kafka could not be read or written in time. */
    public static class DeadLettersUnavailableException extends RuntimeException {
        public DeadLettersUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
