package dev.safesend.consent.service;

import dev.safesend.consent.config.ConsentConfig;
import dev.safesend.consent.domain.ConsentKeywords;
import dev.safesend.consent.domain.PhoneHasher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plain-Java domain objects that need configuration. */
public class DomainBeans {

    @Produces
    @Singleton
    PhoneHasher phoneHasher(ConsentConfig config) {
        return new PhoneHasher(config.phoneHashSalt());
    }

    @Produces
    @Singleton
    ConsentKeywords consentKeywords(ConsentConfig config) {
        List<ConsentKeywords.Language> languages = new TreeMap<>(config.keywords().languages()).entrySet().stream()
                .map(e -> new ConsentKeywords.Language(e.getKey(), e.getValue().optOut(), e.getValue().optIn(),
                        e.getValue().optOutReply(), e.getValue().optInReply()))
                .toList();
        Map<String, ConsentKeywords.ProjectWords> projects = new HashMap<>();
        config.projects().forEach((name, p) -> projects.put(name, new ConsentKeywords.ProjectWords(
                p.optOutKeywords().orElse(List.of()), p.optInKeywords().orElse(List.of()),
                p.optOutPayloads().orElse(List.of()), p.optInPayloads().orElse(List.of()))));
        return new ConsentKeywords(languages, projects);
    }
}
