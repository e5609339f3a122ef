package dev.safesend.consent.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A segment's size for one category at {@code countedAt}: a campaign's forecast. {@code matched} are the contacts of the
 * segment's project that pass every filter, whatever their consent; {@code optedIn} of them are OPTED_IN for the
 * category (exactly the audience); the others are {@code dropped} for a reason, so {@code matched} is {@code optedIn}
 * plus every dropped count. The opted-in are also broken down by region and by language (only keys with at least one).
 */
public record SegmentCounts(long matched, long optedIn, Map<Drop, Long> dropped, Map<String, Long> optedInByRegion,
                            Map<String, Long> optedInByLanguage, Instant countedAt) {

    /** The region key of contacts whose region is not known (CLDR's "unknown region"). */
    public static final String NO_REGION = "ZZ";

    /** The language key of contacts whose language is not known (BCP 47 "undetermined"). */
    public static final String NO_LANGUAGE = "und";

    /** Why a matched contact is not in the audience: the reasons dispatch would suppress a message to them with. */
    public enum Drop {
        /** No consent recorded for the category in the project (UNKNOWN): never asked, not messageable. */
        NO_OPT_IN,
        /** Opted out of the category in the project. */
        OPTED_OUT
    }

    public SegmentCounts {
        dropped = Map.copyOf(dropped);
        optedInByRegion = Collections.unmodifiableMap(new LinkedHashMap<>(optedInByRegion));
        optedInByLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(optedInByLanguage));
    }
}
