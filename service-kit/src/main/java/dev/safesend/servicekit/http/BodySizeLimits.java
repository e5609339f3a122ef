package dev.safesend.servicekit.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How large a request body may be on a path: the limit of the longest matching path prefix, else the service's
 * default. Plain Java: {@link RequestBodyLimit} applies it to every request before the body is read.
 *
 * <p>A per-path limit is written {@code <prefix>=<size>}, size as Quarkus writes memory sizes ({@code 512}, {@code 64K},
 * {@code 4M}, {@code 2G}; binary multiples).
 */
public final class BodySizeLimits {

    private final long defaultLimit;
    private final List<PathLimit> byPath;

    public BodySizeLimits(long defaultLimit, List<PathLimit> byPath) {
        if (defaultLimit <= 0) {
            throw new IllegalArgumentException("the default body size limit must be positive, was " + defaultLimit);
        }
        this.defaultLimit = defaultLimit;
        this.byPath = byPath.stream().sorted(Comparator.comparingInt((PathLimit p) -> p.prefix().length()).reversed()).toList();
    }

    /** Parses {@code entries} such as {@code /webhooks/whatsapp=1M}. */
    public static BodySizeLimits of(long defaultLimit, List<String> entries) {
        List<PathLimit> limits = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1 || !entry.startsWith("/")) {
                throw new IllegalArgumentException("a body size limit is '<path prefix>=<size>' with the prefix starting with '/', was '"
                        + entry + "'");
            }
            limits.add(new PathLimit(entry.substring(0, eq).trim(), parseSize(entry.substring(eq + 1))));
        }
        return new BodySizeLimits(defaultLimit, limits);
    }

    /** The limit in bytes for a request to {@code path}. */
    public long limitFor(String path) {
        if (path != null) {
            for (PathLimit limit : byPath) {
                if (path.startsWith(limit.prefix())) {
                    return limit.bytes();
                }
            }
        }
        return defaultLimit;
    }

    /**
     * The declared length when it is over the limit for {@code path}; empty when it is within, or when there is no
     * (readable) Content-Length: a body without one is counted by Quarkus as it is read.
     */
    public OptionalLong excess(String path, String contentLength) {
        if (contentLength == null) {
            return OptionalLong.empty();
        }
        long declared;
        try {
            declared = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        return declared > limitFor(path) ? OptionalLong.of(declared) : OptionalLong.empty();
    }

    public long defaultLimit() {
        return defaultLimit;
    }

    public List<PathLimit> byPath() {
        return byPath;
    }

    /** {@code 512}, {@code 64K}, {@code 4M}, {@code 2G} (also with a trailing B), as Quarkus' MemorySize reads them. */
    static long parseSize(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long multiplier = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> multiplier = 1L << 10;
                case 'M' -> multiplier = 1L << 20;
                case 'G' -> multiplier = 1L << 30;
                case 'T' -> multiplier = 1L << 40;
                default -> multiplier = 1;
            }
            if (multiplier != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            long value = Long.parseLong(s.trim());
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(value, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size such as 512, 64K, 4M or 2G", e);
        }
    }

    /** The limit for requests whose path starts with {@code prefix}. */
    public record PathLimit(String prefix, long bytes) {
    }
}
