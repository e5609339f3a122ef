package dev.safesend.ingest.component;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets and moves; enabled only by the test profiles that select it. */
@Alternative
@Priority(1)
@ApplicationScoped
public class ControllableClock {

    static final Moving CLOCK = new Moving();

    @Produces
    @ApplicationScoped
    Clock clock() {
        return CLOCK;
    }

    static final class Moving extends Clock {
        private volatile Instant now = Instant.now();

        void set(Instant at) {
            now = at;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
