package dev.safesend.analytics.domain;

import java.util.List;

/** A recorded conversion, the touch credited with it (null: unattributed) and every touch of its window, in order. */
public record ConversionJourney(Conversion conversion, Touch lastTouch, List<Touch> journey) {
}
