package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.PopulationSegment;
import dev.safesend.simulator.service.PopulationService;

import java.util.List;

/**
 * How the population classifies one recipient: {@code phone} the phone it was classified by (the
 * holder's, for a BSUID), {@code segment} the index of the first segment whose range holds it, its
 * {@code range}, the {@code roll} in [0, 1) and the resulting {@code behaviour}; segment, range and
 * roll are null when no segment holds the phone (behaviour "default"). {@code blocked} and
 * {@code stopsWritten} list the business numbers the person has blocked and written "STOP" to so far.
 */
public record BehaviourLookupBody(String recipient, String phone, Integer segment, PopulationBody.RangeBody range,
                                  Double roll, String behaviour, List<String> blocked, List<String> stopsWritten) {

    static BehaviourLookupBody of(String recipient, PopulationService.Lookup lookup) {
        var classification = lookup.classification();
        if (!classification.inSegment()) {
            return new BehaviourLookupBody(recipient, "+" + lookup.phone(), null, null, null,
                    classification.behaviour().wireName(), lookup.blocked(), lookup.stopsWritten());
        }
        PopulationSegment segment = lookup.population().segments().get(classification.segment());
        return new BehaviourLookupBody(recipient, "+" + lookup.phone(), classification.segment(),
                PopulationBody.RangeBody.of(segment.range()), classification.roll(), classification.behaviour().wireName(),
                lookup.blocked(), lookup.stopsWritten());
    }
}
