package dev.safesend.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** consent's knobs. Unprofiled defaults are for the local run; %prod reads secrets from the environment. */
@ConfigMapping(prefix = "safesend.consent")
public interface ConsentConfig {

    /** The project a contact belongs to when a request or an import names none, and of signals from unmapped senders. */
    @WithDefault("default")
    String defaultProject();

    /** Secret salt (HMAC-SHA256 key) of the suppression list's phone hashes. %prod: CONSENT_PHONE_HASH_SALT, no fallback. */
    @WithDefault("dev-only-phone-hash-salt")
    String phoneHashSalt();

    Keywords keywords();

    /** Per-project settings: {@code safesend.consent.projects.school.sender-ids=110000000000001}. */
    Map<String, Project> projects();

    Import importing();

    Outbox outbox();

    interface Keywords {
        /**
         * Keyword sets per language ({@code en}, {@code pt}, {@code es}, {@code fr} by default). Matching ignores case,
         * accents, whitespace and surrounding punctuation; the whole message must be the keyword.
         * Defined in application.properties so operators can add languages there.
         */
        Map<String, Language> languages();
    }

    interface Language {
        /** Words that opt the writer out of every business-initiated category. */
        List<String> optOut();

        /** Words that opt the writer back in. */
        List<String> optIn();

        /** Confirmation sent (SERVICE category) after an opt-out keyword in this language. */
        String optOutReply();

        /** Confirmation sent after an opt-in keyword in this language. */
        String optInReply();
    }

    interface Project {
        /** Business numbers (phone-number-ids) of this project; a keyword or Meta signal on one of them is this project's. */
        Optional<List<String>> senderIds();

        /** Extra opt-out words for this project, on top of every language's. */
        Optional<List<String>> optOutKeywords();

        /** Extra opt-in words for this project. */
        Optional<List<String>> optInKeywords();

        /** Quick-reply button payloads that count as an opt-out (e.g. STOP_PROMO). */
        Optional<List<String>> optOutPayloads();

        /** Quick-reply button payloads that count as an opt-in. */
        Optional<List<String>> optInPayloads();
    }

    interface Import {
        /** Where an upload is spooled (streamed to disk, never held in memory) before its job runs. */
        Optional<String> spoolDirectory();

        /** Rows read before they are written (each chunk is split between the writers). */
        @WithDefault("5000")
        int chunkSize();

        /**
         * Transactions writing a chunk side by side, each its own part of the chunk's contacts (a contact is in one
         * part only; the next chunk starts when the whole chunk is written, so a number's rows keep their order).
         */
        @WithDefault("2")
        int writers();

        /** Row errors kept per job for the report (the counts are always complete). */
        @WithDefault("10000")
        int maxReportedErrors();
    }

    interface Outbox {
        /** Outbox rows published per batch (one Kafka flush, one delete). */
        @WithDefault("5000")
        int batchSize();

        /** How often the relay looks for rows when nothing woke it (a commit wakes it at once). */
        @WithDefault("500ms")
        Duration pollInterval();

        /** How long the relay waits for Kafka's acknowledgements of one batch before it retries it. */
        @WithDefault("30s")
        Duration ackTimeout();
    }
}
