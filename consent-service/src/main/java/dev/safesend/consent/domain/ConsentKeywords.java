package dev.safesend.consent.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises opt-out and opt-in keywords. A message matches when, ignoring case, accents, all whitespace and
 * surrounding punctuation, it is exactly one of the words (so "Stop!", " s t o p " and "ARRÊT" match, but
 * "don't stop" does not). A quick-reply button payload configured for a project matches exactly.
 * Opt-out wins if a word is configured both ways.
 */
public final class ConsentKeywords {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$");

    /** Words of one language and the confirmations sent in it. */
    public record Language(String code, List<String> optOut, List<String> optIn, String optOutReply, String optInReply) {
    }

    /** A project's own words and button payloads. */
    public record ProjectWords(List<String> optOut, List<String> optIn, List<String> optOutPayloads, List<String> optInPayloads) {
        public static final ProjectWords NONE = new ProjectWords(List.of(), List.of(), List.of(), List.of());
    }

    private final Map<String, KeywordMatch> global = new HashMap<>();
    private final Map<String, Language> languages = new HashMap<>();
    private final Map<String, Map<String, KeywordMatch>> projectWords = new HashMap<>();
    private final Map<String, Map<String, KeywordIntent>> projectPayloads = new HashMap<>();

    public ConsentKeywords(List<Language> languages, Map<String, ProjectWords> projects) {
        List<Language> ordered = new ArrayList<>(languages);
        for (Language language : ordered) {
            this.languages.put(language.code(), language);
            language.optIn().forEach(w -> global.putIfAbsent(normalise(w), new KeywordMatch(KeywordIntent.OPT_IN, language.code(), w)));
        }
        for (Language language : ordered) {
            language.optOut().forEach(w -> global.put(normalise(w), new KeywordMatch(KeywordIntent.OPT_OUT, language.code(), w)));
        }
        projects.forEach((project, words) -> {
            Map<String, KeywordMatch> own = new HashMap<>();
            words.optIn().forEach(w -> own.put(normalise(w), new KeywordMatch(KeywordIntent.OPT_IN, null, w)));
            words.optOut().forEach(w -> own.put(normalise(w), new KeywordMatch(KeywordIntent.OPT_OUT, null, w)));
            projectWords.put(project, own);
            Map<String, KeywordIntent> payloads = new HashMap<>();
            words.optInPayloads().forEach(p -> payloads.put(p.strip(), KeywordIntent.OPT_IN));
            words.optOutPayloads().forEach(p -> payloads.put(p.strip(), KeywordIntent.OPT_OUT));
            projectPayloads.put(project, payloads);
        });
    }

    /** Case-, accent-, whitespace- and edge-punctuation-insensitive form of a message. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String compact = SPACES.matcher(stripped).replaceAll("");
        return EDGE_PUNCTUATION.matcher(compact).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /**
     * @param project the project the message was written to (its words and payloads count), or null
     * @param text    the message text (or a button's text), may be null
     * @param payload a quick-reply button payload, may be null
     */
    public Optional<KeywordMatch> match(String project, String text, String payload) {
        if (payload != null && project != null) {
            KeywordIntent intent = projectPayloads.getOrDefault(project, Map.of()).get(payload.strip());
            if (intent != null) {
                return Optional.of(new KeywordMatch(intent, null, payload.strip()));
            }
        }
        String key = normalise(text);
        if (key.isEmpty() || key.length() > 40) {
            return Optional.empty();
        }
        if (project != null) {
            KeywordMatch own = projectWords.getOrDefault(project, Map.of()).get(key);
            if (own != null) {
                return Optional.of(own);
            }
        }
        return Optional.ofNullable(global.get(key));
    }

    /** The confirmation for a match, in the matched language, else the preferred one, else English, else any. */
    public String reply(KeywordMatch match, String preferredLanguage) {
        Language language = languages.get(match.language());
        if (language == null && preferredLanguage != null) {
            language = languages.get(preferredLanguage.toLowerCase(Locale.ROOT).split("[-_]")[0]);
        }
        if (language == null) {
            language = languages.getOrDefault("en", languages.values().stream().findFirst().orElse(null));
        }
        if (language == null) {
            return match.intent() == KeywordIntent.OPT_OUT ? "You will no longer receive messages from us." : "You are subscribed again.";
        }
        return match.intent() == KeywordIntent.OPT_OUT ? language.optOutReply() : language.optInReply();
    }
}
