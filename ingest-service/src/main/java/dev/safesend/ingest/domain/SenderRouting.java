package dev.safesend.ingest.domain;

import dev.safesend.ingest.domain.project.Project;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Picks the sending number for a recipient from a project's pool by rendezvous (highest-random-weight) hashing:
 * the same recipient always gets the same number; when that number cannot take the message (paused for its
 * category) the recipient moves to its next-ranked number, and only the recipients of a paused number move.
 */
public final class SenderRouting {

    private SenderRouting() {
    }

    /**
     * The pool a project's messages and campaigns are routed through: the registered project's {@code defaultPool}
     * when it names senders (set through {@code /v1/projects}), else the pool configured for the project
     * ({@code safesend.ingest.routing.pools.<project>}), else the service's default pool. An unregistered project, or
     * a registered one without a pool, keeps the configured routing.
     */
    public static List<String> poolFor(Optional<Project> registered, List<String> configuredForProject, List<String> configuredDefault) {
        return registered.map(Project::defaultPool).filter(pool -> !pool.isEmpty())
                .or(() -> Optional.ofNullable(configuredForProject).filter(pool -> !pool.isEmpty()))
                .orElse(configuredDefault);
    }

    /** The recipient's first-ranked sender, whatever its state. */
    public static String senderFor(String recipientE164, List<String> pool) {
        return senderFor(recipientE164, pool, sender -> true);
    }

    /**
     * The recipient's highest-ranked sender that {@code available} accepts. When none does, the first-ranked one:
     * the message is still accepted and dispatch holds it until the sender resumes (its gate 7), so a good request
     * is never lost because every number of a pool is paused.
     */
    public static String senderFor(String recipientE164, List<String> pool, Predicate<String> available) {
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("the sender pool is empty");
        }
        List<String> ranked = pool.stream()
                .sorted(Comparator.comparingLong((String sender) -> weight(recipientE164, sender)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        return ranked.stream().filter(available).findFirst().orElse(ranked.get(0));
    }

    private static long weight(String recipient, String sender) {
        CRC32 crc = new CRC32(); // stable across JVMs, unlike String.hashCode's contract
        crc.update((sender + '|' + recipient).getBytes(StandardCharsets.UTF_8));
        long x = crc.getValue();
        // mix the bits (splitmix64 finaliser) so that similar inputs spread evenly
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
