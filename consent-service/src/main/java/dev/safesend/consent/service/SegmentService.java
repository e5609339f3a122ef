package dev.safesend.consent.service;

import dev.safesend.consent.domain.AudienceMember;
import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.Segment;
import dev.safesend.consent.domain.SegmentCounts;
import dev.safesend.consent.domain.SegmentDefinition;
import dev.safesend.consent.repository.SegmentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Segments and their audiences: only contacts currently opted in for the asked category are ever returned. */
@ApplicationScoped
public class SegmentService {

    /** One page of an audience; {@code nextCursor} is null on the last page. */
    public record Page(List<AudienceMember> items, String nextCursor) {
    }

    private final SegmentRepository segments;

    public SegmentService(SegmentRepository segments) {
        this.segments = segments;
    }

    @Transactional
    public Segment create(SegmentDefinition definition) {
        Segment segment = new Segment(UUID.randomUUID().toString(), definition, Instant.now());
        segments.save(segment);
        return segment;
    }

    @Transactional
    public Optional<Segment> find(String id) {
        return segments.find(id);
    }

    /** A page in phone order after {@code cursor} (the last phone of the previous page). */
    @Transactional
    public Page page(Segment segment, Category category, String cursor, int limit) {
        List<AudienceMember> items = new ArrayList<>(limit + 1);
        segments.audience(segment.definition(), category, cursor, limit + 1, Instant.now(), items::add);
        if (items.size() > limit) {
            items.remove(limit);
            return new Page(items, items.get(limit - 1).phone());
        }
        return new Page(items, null);
    }

    /** The whole audience, fed to {@code sink} as it is read (constant memory). */
    public void stream(Segment segment, Category category, Consumer<AudienceMember> sink) {
        QuarkusTransaction.requiringNew().timeout(600).run(() ->
                segments.audience(segment.definition(), category, null, 0, Instant.now(), sink));
    }

    /** How many contacts match the segment, how many of them are in its audience for the category, and why the others are not. */
    @Transactional
    public SegmentCounts counts(Segment segment, Category category) {
        return segments.counts(segment.definition(), category, Instant.now());
    }
}
