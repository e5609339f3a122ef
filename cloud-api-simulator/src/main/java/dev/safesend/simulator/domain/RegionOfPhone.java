package dev.safesend.simulator.domain;

/** The ISO 3166 region a phone number belongs to (the prefix of its BSUIDs). */
@FunctionalInterface
public interface RegionOfPhone {

    /** The two-letter region of {@code phoneDigits} (no "+"); anything else is read as "US". */
    String regionOf(String phoneDigits);
}
